package dev.attest.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Comparison of JSON values as Azure Policy does it: strings case-insensitively, numbers by value. */
final class Values {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private Values() {}

  static boolean absent(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode();
  }

  static boolean looseEquals(JsonNode a, JsonNode b) {
    if (absent(a) || absent(b)) {
      return absent(a) && absent(b);
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isValueNode() && b.isValueNode()) {
      return a.asText().equalsIgnoreCase(b.asText());
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!looseEquals(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!looseEquals(e.getValue(), field(b, e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** A property looked up case-insensitively (ARM property names are not case-sensitive). */
  static JsonNode field(JsonNode object, String name) {
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String candidate = it.next();
      if (candidate.equalsIgnoreCase(name)) {
        return object.get(candidate);
      }
    }
    return null;
  }

  /** Orders two scalars: numbers numerically, numeric strings too, other strings case-insensitively. */
  static int compare(JsonNode a, JsonNode b) {
    BigDecimal x = number(a);
    BigDecimal y = number(b);
    if (x != null && y != null) {
      return x.compareTo(y);
    }
    if (a.isTextual() && b.isTextual()) {
      return a.asText().toLowerCase(Locale.ROOT).compareTo(b.asText().toLowerCase(Locale.ROOT));
    }
    throw new EvaluationError("cannot compare " + render(a) + " with " + render(b));
  }

  private static BigDecimal number(JsonNode node) {
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual() && NUMBER.matcher(node.asText().trim()).matches()) {
      return new BigDecimal(node.asText().trim());
    }
    return null;
  }

  static String render(JsonNode value) {
    if (absent(value)) {
      return "absent";
    }
    if (value.isTextual()) {
      return value.asText();
    }
    String text = value.toString();
    return text.length() > 200 ? text.substring(0, 197) + "..." : text;
  }

  /** Azure Policy's like: '*' matches any run of characters, anything else itself, ASCII case ignored. */
  static boolean like(String value, String pattern) {
    int v = 0;
    int p = 0;
    int star = -1;
    int resume = 0;
    while (v < value.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resume = v;
      } else if (p < pattern.length() && sameIgnoringAsciiCase(pattern.charAt(p), value.charAt(v))) {
        p++;
        v++;
      } else if (star >= 0) {
        // Let the last '*' swallow one more character and try again from there.
        p = star + 1;
        v = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static boolean sameIgnoringAsciiCase(char a, char b) {
    if (a == b) {
      return true;
    }
    char la = a >= 'A' && a <= 'Z' ? (char) (a + 32) : a;
    char lb = b >= 'A' && b <= 'Z' ? (char) (b + 32) : b;
    return la == lb && la >= 'a' && la <= 'z';
  }

  /** Azure Policy's match: '#' a digit, '?' a letter, '.' any character, anything else itself. */
  static boolean match(String value, String pattern) {
    if (value.length() != pattern.length()) {
      return false;
    }
    for (int i = 0; i < pattern.length(); i++) {
      char p = pattern.charAt(i);
      char v = value.charAt(i);
      boolean ok = switch (p) {
        case '#' -> Character.isDigit(v);
        case '?' -> Character.isLetter(v);
        case '.' -> true;
        default -> Character.toLowerCase(p) == Character.toLowerCase(v);
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
