package dev.attest.evidence;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an evidence query's row count must satisfy, e.g. {@code rows > 0} or {@code rows == 0}. */
public record Expectation(String operator, long value) {
  private static final Pattern FORM = Pattern.compile("\\s*rows\\s*(==|!=|>=|<=|>|<)\\s*(\\d+)\\s*");

  /** Parses {@code rows OP N}; null when the text is not of that form. */
  public static Expectation parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    return m.matches() ? new Expectation(m.group(1), Long.parseLong(m.group(2))) : null;
  }

  public boolean test(long rows) {
    return switch (operator) {
      case "==" -> rows == value;
      case "!=" -> rows != value;
      case ">=" -> rows >= value;
      case "<=" -> rows <= value;
      case ">" -> rows > value;
      case "<" -> rows < value;
      default -> throw new IllegalStateException("unknown operator " + operator);
    };
  }

  /** The largest row count the test can tell apart: a query needs at most this many rows plus one. */
  public long decisiveRows() {
    return value + 1;
  }

  @Override
  public String toString() {
    return "rows " + operator + " " + value;
  }
}
