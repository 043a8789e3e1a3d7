package dev.attest.generate;

import java.nio.file.Path;
import java.util.Objects;

/** What to generate: how many ARM objects across how many subscriptions, from which seed, where and how. */
public record GenerateRequest(int resources, int subscriptions, long seed, Path out, OutputFormat format) {
  public GenerateRequest {
    if (resources < 1) {
      throw new IllegalArgumentException("--resources must be at least 1, got " + resources);
    }
    if (subscriptions < 1) {
      throw new IllegalArgumentException("--subscriptions must be at least 1, got " + subscriptions);
    }
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(format, "format");
  }
}
