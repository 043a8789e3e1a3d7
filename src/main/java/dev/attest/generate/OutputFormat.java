package dev.attest.generate;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a generated tenant is written: JSON Lines files, or Resource Graph result pages. */
public enum OutputFormat {
  /** One ARM object per line, {@code tenant-NNNNN.jsonl}, at most 50,000 lines a file. */
  JSONL("jsonl", 50_000),
  /** Resource Graph pages {@code {"count":…,"data":[…]}}, {@code page-NNNNN.json}, 1,000 rows a page. */
  RESOURCE_GRAPH("resource-graph", 1_000);

  private final String label;
  private final int objectsPerFile;

  OutputFormat(String label, int objectsPerFile) {
    this.label = label;
    this.objectsPerFile = objectsPerFile;
  }

  public String label() {
    return label;
  }

  /** The most objects one file holds, so no file grows with the tenant. */
  public int objectsPerFile() {
    return objectsPerFile;
  }

  public static Optional<OutputFormat> parse(String text) {
    return Arrays.stream(values()).filter(f -> f.label.equals(text.trim().toLowerCase(Locale.ROOT))).findFirst();
  }
}
