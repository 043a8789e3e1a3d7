package dev.attest.inventory;

import java.util.Locale;

/**
 * Pure functions over ARM resource ids: normalisation, parent and extension scope, subscription.
 *
 * <p>An id is read as {@code <scope>/providers/<namespace>/<type>/<name>[/<type>/<name>…]} where
 * the scope is the tenant root, a management group, a subscription, a resource group or, for an
 * extension resource, another resource.
 */
public final class ResourceIds {
  private static final String PROVIDERS = "/providers/";

  private ResourceIds() {}

  /** The case-insensitive key of an id, without a trailing slash. */
  public static String key(String id) {
    String trimmed = id.trim();
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.toLowerCase(Locale.ROOT);
  }

  /**
   * Orders ids as their lower-cased forms order ({@code a.toLowerCase(ROOT).compareTo(…)}) without
   * lower-casing them: ASCII is compared character by character, and only a pair that reaches a
   * non-ASCII character before differing falls back to lower-cased copies.
   */
  public static int compareIgnoringCase(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x == y) {
        continue;
      }
      if (x >= 128 || y >= 128) {
        return a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
      }
      char lx = x >= 'A' && x <= 'Z' ? (char) (x + 32) : x;
      char ly = y >= 'A' && y <= 'Z' ? (char) (y + 32) : y;
      if (lx != ly) {
        return lx - ly;
      }
    }
    // One is a prefix of the other, and that prefix is ASCII: lower-casing keeps it a prefix.
    return a.length() - b.length();
  }

  /** True when an id is already its key but for case: no surrounding space, no trailing slash. */
  static boolean isKeyShaped(String id) {
    int last = id.length() - 1;
    return last >= 0 && id.charAt(0) > ' ' && id.charAt(last) > ' ' && (last == 0 || id.charAt(last) != '/');
  }

  /** True for strings that look like an ARM id worth linking (cheap prefix test first). */
  public static boolean looksLikeId(String value) {
    if (value.length() < 15 || value.charAt(0) != '/') {
      return false;
    }
    return value.regionMatches(true, 0, "/subscriptions/", 0, 15)
        || value.regionMatches(true, 0, "/providers/microsoft.management/", 0, 32);
  }

  /** The subscription GUID of an id, or the empty string for tenant-level ids. */
  public static String subscriptionId(String id) {
    if (!id.regionMatches(true, 0, "/subscriptions/", 0, 15)) {
      return "";
    }
    int end = id.indexOf('/', 15);
    return (end < 0 ? id.substring(15) : id.substring(15, end)).toLowerCase(Locale.ROOT);
  }

  /** The last path segment (the resource's name). */
  public static String lastName(String id) {
    String key = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
    return key.substring(key.lastIndexOf('/') + 1);
  }

  /**
   * The parent of an id (lower-cased key): a child's resource, an extension's scope, a top-level
   * resource's resource group, a resource group's subscription; null for the root.
   */
  public static String parentKey(String id) {
    String key = key(id);
    int providers = key.lastIndexOf(PROVIDERS);
    if (providers < 0) {
      // /subscriptions/s/resourceGroups/rg -> /subscriptions/s ; /subscriptions/s -> null
      String[] parts = key.substring(1).split("/");
      if (parts.length >= 4) {
        return "/" + parts[0] + "/" + parts[1];
      }
      return null;
    }
    String scope = key.substring(0, providers);
    String[] rest = key.substring(providers + PROVIDERS.length()).split("/");
    // rest = namespace, type, name, [type, name]...
    if (rest.length >= 5) {
      StringBuilder parent = new StringBuilder(scope).append(PROVIDERS).append(rest[0]);
      for (int i = 1; i < rest.length - 2; i++) {
        parent.append('/').append(rest[i]);
      }
      return parent.toString();
    }
    return scope.isEmpty() ? null : scope;
  }

  /**
   * The resource an extension is attached to (lower-cased key), or null when the id is not an
   * extension: {@code {resource}/providers/Microsoft.Insights/diagnosticSettings/x} and
   * subscription- or management-group-level ids such as role assignments are extensions;
   * ordinary resources in a resource group are not.
   */
  public static String extensionScopeKey(String id) {
    String key = key(id);
    int providers = key.lastIndexOf(PROVIDERS);
    if (providers < 0) {
      return null;
    }
    String[] rest = key.substring(providers + PROVIDERS.length()).split("/");
    if (rest.length != 3) {
      return null;
    }
    String scope = key.substring(0, providers);
    if (scope.isEmpty() || scope.contains(PROVIDERS) || isSubscription(scope)) {
      return scope.isEmpty() ? "/" : scope;
    }
    if (isResourceGroup(scope) && rest[0].equals("microsoft.authorization")) {
      return scope;
    }
    return null;
  }

  private static boolean isSubscription(String key) {
    return key.startsWith("/subscriptions/") && key.indexOf('/', 15) < 0;
  }

  private static boolean isResourceGroup(String key) {
    String[] parts = key.substring(1).split("/");
    return parts.length == 4 && parts[0].equals("subscriptions") && parts[2].equals("resourcegroups");
  }
}
