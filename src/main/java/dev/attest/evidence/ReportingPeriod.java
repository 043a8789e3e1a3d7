package dev.attest.evidence;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The period evidence is collected for: whole days from {@code from} to {@code to}, inclusive, in UTC. */
public record ReportingPeriod(LocalDate from, LocalDate to) {
  private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])", Pattern.CASE_INSENSITIVE);

  /** Thrown for text that is neither {@code YYYY-Qn} nor {@code YYYY-MM-DD..YYYY-MM-DD}. */
  public static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  public static ReportingPeriod parse(String text) throws Invalid {
    String t = text == null ? "" : text.trim();
    Matcher q = QUARTER.matcher(t);
    if (q.matches()) {
      LocalDate from = LocalDate.of(Integer.parseInt(q.group(1)), (Integer.parseInt(q.group(2)) - 1) * 3 + 1, 1);
      return new ReportingPeriod(from, from.plusMonths(3).minusDays(1));
    }
    int dots = t.indexOf("..");
    if (dots > 0) {
      try {
        LocalDate from = LocalDate.parse(t.substring(0, dots));
        LocalDate to = LocalDate.parse(t.substring(dots + 2));
        if (to.isBefore(from)) {
          throw new Invalid("--period " + text + ": the end is before the start");
        }
        return new ReportingPeriod(from, to);
      } catch (DateTimeParseException e) {
        throw new Invalid("--period " + text + ": " + e.getParsedString() + " is not a date (YYYY-MM-DD)");
      }
    }
    throw new Invalid("--period " + text + ": expected a quarter (2026-Q3) or dates (2026-07-01..2026-09-30)");
  }

  /** The first instant of the period. */
  public OffsetDateTime start() {
    return from.atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  /** The first instant after the period. */
  public OffsetDateTime end() {
    return to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  @Override
  public String toString() {
    return from + ".." + to;
  }
}
