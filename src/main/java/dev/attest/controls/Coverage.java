package dev.attest.controls;

import java.util.Arrays;
import java.util.Optional;

/** How a control can be evidenced at all: it caps the status a control may reach. */
public enum Coverage {
  AUTOMATED("automated"),
  PARTIALLY_AUTOMATED("partially-automated"),
  ATTESTED("attested"),
  INHERITED("inherited"),
  NOT_COVERED("not-covered");

  private final String label;

  Coverage(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Optional<Coverage> parse(String text) {
    return Arrays.stream(values()).filter(c -> c.label.equals(text)).findFirst();
  }
}
