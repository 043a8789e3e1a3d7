package dev.attest.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One demo object's compact JSON, cut at the tokens that must differ per clone: the demo's
 * subscription GUIDs and the names of resource groups and top-level resources. Rendering a clone
 * is string concatenation, so ids, names and the references between objects stay consistent.
 */
final class Template {
  /** A literal run of JSON text, or a token to rewrite. */
  private sealed interface Part permits Literal, Name, Subscription {}

  private record Literal(String text) implements Part {}

  /** A resource or resource-group name as written; the clone appends its cell tag. */
  private record Name(String text) implements Part {}

  /** A demo subscription GUID; the clone writes the generated subscription it maps to. */
  private record Subscription(int demoIndex) implements Part {}

  private final List<Part> parts;

  private Template(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  /**
   * Cuts {@code json} at every maximal run of {@code [A-Za-z0-9_-]} that is a known name or
   * subscription (compared case-insensitively; keys of the maps are lower case).
   */
  static Template of(String json, Map<String, Integer> subscriptions, java.util.Set<String> names) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < json.length()) {
      if (!tokenChar(json.charAt(i))) {
        literal.append(json.charAt(i++));
        continue;
      }
      int end = i;
      while (end < json.length() && tokenChar(json.charAt(end))) {
        end++;
      }
      String token = json.substring(i, end);
      String key = token.toLowerCase(Locale.ROOT);
      Integer subscription = subscriptions.get(key);
      if (subscription != null || names.contains(key)) {
        if (literal.length() > 0) {
          parts.add(new Literal(literal.toString()));
          literal.setLength(0);
        }
        parts.add(subscription != null ? new Subscription(subscription) : new Name(token));
      } else {
        literal.append(token);
      }
      i = end;
    }
    if (literal.length() > 0) {
      parts.add(new Literal(literal.toString()));
    }
    return new Template(parts);
  }

  /** Appends this object as cloned into a cell: names get {@code -tag}, subscriptions their mapping. */
  void render(StringBuilder out, int cell, String tag, String[] subscriptionOfDemo) {
    for (Part part : parts) {
      if (part instanceof Literal literal) {
        out.append(literal.text());
      } else if (part instanceof Name name) {
        appendName(out, name.text(), tag, cell);
      } else {
        out.append(subscriptionOfDemo[((Subscription) part).demoIndex()]);
      }
    }
  }

  /** GUID-named objects (role assignments, definitions) get another GUID; other names a suffix. */
  private static void appendName(StringBuilder out, String name, String tag, int cell) {
    if (isGuid(name)) {
      out.append(name, 0, 24).append(String.format(Locale.ROOT, "%06x%s", cell & 0xffffff, name.substring(30)));
    } else {
      out.append(name).append('-').append(tag);
    }
  }

  private static boolean isGuid(String text) {
    return text.length() == 36 && text.charAt(8) == '-' && text.charAt(13) == '-' && text.charAt(18) == '-'
        && text.charAt(23) == '-';
  }

  private static boolean tokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }
}
