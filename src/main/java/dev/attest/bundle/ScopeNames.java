package dev.attest.bundle;

import java.util.List;
import java.util.Locale;

/** Short, file-system-safe scope names for bundle folders. */
public final class ScopeNames {
  private static final int MAX = 64;

  private ScopeNames() {}

  /**
   * "demo" for the demo tenant, else the first subscription id (with "-and-N-more" when there are
   * several), else "snapshot".
   */
  public static String derive(boolean demo, List<String> subscriptions) {
    if (demo) {
      return "demo";
    }
    if (subscriptions.isEmpty()) {
      return "snapshot";
    }
    return subscriptions.get(0) + (subscriptions.size() > 1 ? "-and-" + (subscriptions.size() - 1) + "-more" : "");
  }

  /** Only letters, digits, '.', '_' and '-' (anything else becomes '-'), at most 64 characters, never empty. */
  public static String safe(String name) {
    String cleaned = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
        .replaceAll("^[.-]+", "");
    if (cleaned.length() > MAX) {
      cleaned = cleaned.substring(0, MAX);
    }
    return cleaned.isEmpty() ? "bundle" : cleaned;
  }
}
