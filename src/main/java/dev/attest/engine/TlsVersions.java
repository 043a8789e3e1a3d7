package dev.attest.engine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TLS versions in every spelling Azure APIs use ({@code 1.2}, {@code TLS1_2}, {@code Tls12},
 * {@code TLSv1.2}, {@code TLSv1_2}, {@code TLS 1.2}, Cosmos DB's bare {@code Tls} for 1.0),
 * read as a number of tenths (12 for 1.2). "None", "Disabled" and unknown spellings read as
 * no minimum at all, which is below every version: unknown never passes.
 */
public final class TlsVersions {
  /** No minimum, or a spelling that cannot be read. */
  public static final int NONE = -1;
  private static final Pattern DOTTED = Pattern.compile("^(\\d)[._](\\d)$");
  private static final Pattern DIGITS = Pattern.compile("^1(\\d)$");

  private TlsVersions() {}

  public static int parse(String spelling) {
    if (spelling == null) {
      return NONE;
    }
    String s = spelling.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    boolean named = false;
    if (s.startsWith("tls")) {
      s = s.substring(3);
      named = true;
    } else if (s.startsWith("ssl")) {
      return 0;
    }
    if (s.startsWith("v")) {
      s = s.substring(1);
    }
    if (s.isEmpty()) {
      return named ? 10 : NONE;
    }
    Matcher dotted = DOTTED.matcher(s);
    if (dotted.matches()) {
      return Integer.parseInt(dotted.group(1)) * 10 + Integer.parseInt(dotted.group(2));
    }
    Matcher digits = DIGITS.matcher(s);
    if (digits.matches()) {
      return 10 + Integer.parseInt(digits.group(1));
    }
    if (s.equals("1") && named) {
      return 10;
    }
    return NONE;
  }

  public static String describe(int version) {
    return version == NONE ? "no minimum" : "TLS " + version / 10 + "." + version % 10;
  }
}
