package dev.attest.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Port specifications as NSGs write them: {@code 22}, {@code 20-25}, {@code *}, or lists of them. */
public final class PortRanges {
  private PortRanges() {}

  /** An inclusive port range. */
  public record Range(int low, int high) {
    boolean overlaps(Range other) {
      return low <= other.high && other.low <= high;
    }

    @Override
    public String toString() {
      return low == high ? String.valueOf(low) : low == 0 && high == 65535 ? "*" : low + "-" + high;
    }
  }

  /** Ranges named by a JSON scalar or array; absent gives none. */
  public static List<Range> of(JsonNode node) {
    List<Range> ranges = new ArrayList<>();
    if (Values.absent(node)) {
      return ranges;
    }
    if (node.isArray()) {
      node.forEach(element -> ranges.addAll(of(element)));
      return ranges;
    }
    for (String part : node.asText().split(",")) {
      Range range = parse(part);
      if (range != null) {
        ranges.add(range);
      }
    }
    return ranges;
  }

  public static Range parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    if (s.isEmpty()) {
      return null;
    }
    if (s.equals("*") || s.equals("any")) {
      return new Range(0, 65535);
    }
    try {
      int dash = s.indexOf('-');
      if (dash > 0) {
        return new Range(Integer.parseInt(s.substring(0, dash).trim()), Integer.parseInt(s.substring(dash + 1).trim()));
      }
      int port = Integer.parseInt(s);
      return new Range(port, port);
    } catch (NumberFormatException e) {
      throw new EvaluationError("'" + text + "' is not a port or port range");
    }
  }

  public static boolean overlapsAny(List<Range> ranges, List<Range> wanted) {
    for (Range w : wanted) {
      for (Range r : ranges) {
        if (r.overlaps(w)) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when the union of {@code ranges} covers every port of every wanted range. */
  public static boolean coversAll(List<Range> ranges, List<Range> wanted) {
    for (Range w : wanted) {
      int next = w.low();
      boolean progressed = true;
      while (next <= w.high() && progressed) {
        progressed = false;
        for (Range r : ranges) {
          if (r.low() <= next && r.high() >= next) {
            next = r.high() + 1;
            progressed = true;
          }
        }
      }
      if (next <= w.high()) {
        return false;
      }
    }
    return true;
  }
}
