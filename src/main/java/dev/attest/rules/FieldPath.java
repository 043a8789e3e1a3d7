package dev.attest.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed field path such as {@code properties.securityRules[*].properties.access}: names
 * (matched case-insensitively) and {@code [*]} wildcards over arrays.
 */
public record FieldPath(String text, List<Segment> segments) {

  public FieldPath {
    segments = List.copyOf(segments);
  }

  /** One step: a property name, or every element of an array. */
  public record Segment(String name, boolean wildcard) {}

  /** Parses a path; returns null with a reason via the exception when malformed. */
  public static FieldPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty field path");
    }
    List<Segment> segments = new ArrayList<>();
    for (String part : text.split("\\.", -1)) {
      if (part.isEmpty()) {
        throw new IllegalArgumentException("empty segment in field path '" + text + "'");
      }
      String name = part;
      boolean wildcard = false;
      if (name.endsWith("[*]")) {
        name = name.substring(0, name.length() - 3);
        wildcard = true;
      }
      if (name.contains("[") || name.contains("]")) {
        throw new IllegalArgumentException("only [*] is supported in field path '" + text + "'");
      }
      if (!name.isEmpty()) {
        segments.add(new Segment(name, false));
      }
      if (wildcard) {
        segments.add(new Segment("*", true));
      }
    }
    return new FieldPath(text, segments);
  }

  /** True when this path starts with every segment of {@code prefix}. */
  public boolean startsWith(FieldPath prefix) {
    if (prefix.segments.size() > segments.size()) {
      return false;
    }
    for (int i = 0; i < prefix.segments.size(); i++) {
      Segment a = segments.get(i);
      Segment b = prefix.segments.get(i);
      if (a.wildcard() != b.wildcard() || !a.name().equalsIgnoreCase(b.name())) {
        return false;
      }
    }
    return true;
  }

  public boolean hasWildcard() {
    return segments.stream().anyMatch(Segment::wildcard);
  }

  @Override
  public String toString() {
    return text;
  }
}
