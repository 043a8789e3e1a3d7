package dev.attest.live;

import java.util.List;

/**
 * What a live scan covers: explicit subscriptions, management groups (every subscription below
 * them, and role assignments made at the group), or every subscription the identity can read.
 */
public record LiveScope(List<String> subscriptions, List<String> managementGroups, boolean allSubscriptions, String tenant) {

  public LiveScope {
    subscriptions = subscriptions.stream().map(String::trim).map(s -> s.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
    managementGroups = List.copyOf(managementGroups);
  }

  /** True when the scope names nothing to read. */
  public boolean isEmpty() {
    return subscriptions.isEmpty() && managementGroups.isEmpty() && !allSubscriptions;
  }

  /** Short text for the scan summary, e.g. "subscriptions a, b". */
  public String describe() {
    if (allSubscriptions) {
      return "every readable subscription";
    }
    StringBuilder text = new StringBuilder();
    if (!managementGroups.isEmpty()) {
      text.append("management group ").append(String.join(", ", managementGroups));
    }
    if (!subscriptions.isEmpty()) {
      text.append(text.length() > 0 ? "; " : "").append("subscription").append(subscriptions.size() > 1 ? "s " : " ")
          .append(String.join(", ", subscriptions));
    }
    return text.toString();
  }
}
