package dev.attest.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * IPv4 ranges compared as numbers, not strings: how many publicly routable addresses a firewall
 * rule admits. A range is an Azure firewall-rule object ({@code startIpAddress}/{@code endIpAddress},
 * as SQL, PostgreSQL and MySQL firewall rules have), or text: one address, {@code a.b.c.d/n} (Cosmos
 * DB and Storage ipRules) or {@code start-end}. Anything else is an evaluation error, so a rule never
 * reads an address it could not parse as harmless.
 */
final class IpRanges {
  /**
   * The IANA special-purpose blocks that are not globally reachable (RFC 6890 and successors):
   * "this network", RFC 1918, shared address space, loopback, link-local, IETF protocol
   * assignments, the three documentation nets, benchmarking, multicast and the reserved 240/4.
   * Sorted and disjoint.
   */
  private static final long[][] NOT_PUBLIC = {
      block("0.0.0.0", 8), block("10.0.0.0", 8), block("100.64.0.0", 10), block("127.0.0.0", 8),
      block("169.254.0.0", 16), block("172.16.0.0", 12), block("192.0.0.0", 24), block("192.0.2.0", 24),
      block("192.168.0.0", 16), block("198.18.0.0", 15), block("198.51.100.0", 24), block("203.0.113.0", 24),
      block("224.0.0.0", 4), block("240.0.0.0", 4)};

  private IpRanges() {}

  /** The number of publicly routable IPv4 addresses in the range the value describes. */
  static long publicAddresses(JsonNode value) {
    long[] range = range(value);
    long count = range[1] - range[0] + 1;
    for (long[] block : NOT_PUBLIC) {
      long low = Math.max(range[0], block[0]);
      long high = Math.min(range[1], block[1]);
      if (low <= high) {
        count -= high - low + 1;
      }
    }
    return count;
  }

  /** {start, end} as unsigned 32-bit numbers. */
  static long[] range(JsonNode value) {
    if (value.isObject()) {
      JsonNode start = Values.field(value, "startIpAddress");
      JsonNode end = Values.field(value, "endIpAddress");
      if (start == null || end == null || !start.isTextual() || !end.isTextual()) {
        throw new EvaluationError("a firewall rule needs startIpAddress and endIpAddress, got " + Values.render(value));
      }
      return ordered(address(start.asText()), address(end.asText()), Values.render(value));
    }
    if (!value.isTextual()) {
      throw new EvaluationError(Values.render(value) + " is not an IPv4 address or range");
    }
    String text = value.asText().trim();
    int slash = text.indexOf('/');
    if (slash >= 0) {
      long base = address(text.substring(0, slash));
      int bits = prefixLength(text.substring(slash + 1), text);
      long size = 1L << (32 - bits);
      long start = base & ~(size - 1) & 0xFFFFFFFFL;
      return new long[] {start, start + size - 1};
    }
    int dash = text.indexOf('-');
    if (dash >= 0) {
      return ordered(address(text.substring(0, dash)), address(text.substring(dash + 1)), text);
    }
    long single = address(text);
    return new long[] {single, single};
  }

  private static long[] ordered(long start, long end, String what) {
    if (start > end) {
      throw new EvaluationError("range " + what + " starts after it ends");
    }
    return new long[] {start, end};
  }

  private static int prefixLength(String text, String whole) {
    try {
      int bits = Integer.parseInt(text.trim());
      if (bits >= 0 && bits <= 32) {
        return bits;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new EvaluationError("'" + whole + "' has no valid prefix length");
  }

  /** A dotted quad as a number; strict, so "1.2.3" or "256.0.0.1" is an error, not a guess. */
  static long address(String text) {
    String[] parts = text.trim().split("\\.", -1);
    if (parts.length != 4) {
      throw new EvaluationError("'" + text + "' is not an IPv4 address");
    }
    long value = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        throw new EvaluationError("'" + text + "' is not an IPv4 address");
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        throw new EvaluationError("'" + text + "' is not an IPv4 address");
      }
      value = value << 8 | octet;
    }
    return value;
  }

  private static long[] block(String base, int bits) {
    long start = address(base);
    return new long[] {start, start + (1L << (32 - bits)) - 1};
  }
}
