package dev.attest.live;

import java.util.Locale;

/**
 * How completely one read of a live scan was collected: a scope (a subscription id or a
 * management group), what was read there (a Resource Graph table or a related ARM type), its
 * status, how many objects it gave, and why it is not complete.
 */
public record Coverage(String scope, String read, Status status, int objects, String reason) {

  /** Complete, partial (some requests failed), denied (403) or failed (errors after retries). */
  public enum Status {
    COMPLETE, PARTIAL, DENIED, FAILED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The worse of two statuses, for rolling reads up to their subscription. */
    Status worst(Status other) {
      return other.ordinal() > ordinal() ? other : this;
    }
  }

  /** One line for a terminal, a log or the scan's problem list. */
  public String describe() {
    String base = scope + ": " + read + ": " + status.label() + " (" + objects + " object" + (objects == 1 ? "" : "s") + ")";
    return reason == null || reason.isEmpty() ? base : base + ": " + reason;
  }
}
