package dev.attest.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Finding severity, ordered from most to least severe. */
public enum Severity {
  CRITICAL, HIGH, MEDIUM, LOW, INFO;

  private final String label = name().toLowerCase(Locale.ROOT);

  public String label() {
    return label;
  }

  /** True when this severity is at least as severe as {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  public static Optional<Severity> parse(String text) {
    return Arrays.stream(values()).filter(s -> s.label().equalsIgnoreCase(text.trim())).findFirst();
  }
}
