package dev.attest.rules;

import java.util.Locale;
import java.util.Optional;

/** Finding severity, ordered from most to least severe. */
public enum Severity {
  CRITICAL, HIGH, MEDIUM, LOW, INFO;

  private static final Severity[] VALUES = values();
  private final String label = name().toLowerCase(Locale.ROOT);

  public String label() {
    return label;
  }

  /** True when this severity is at least as severe as {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  public static Optional<Severity> parse(String text) {
    // Called for every failing finding (the gate, the worst list): a loop, not a stream.
    String trimmed = text.trim();
    for (Severity severity : VALUES) {
      if (severity.label.equalsIgnoreCase(trimmed)) {
        return Optional.of(severity);
      }
    }
    return Optional.empty();
  }
}
