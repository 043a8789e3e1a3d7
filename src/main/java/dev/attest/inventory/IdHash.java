package dev.attest.inventory;


/**
 * A 128-bit fingerprint of an ARM id that ignores case, as ids compare: two 64-bit hashes with
 * different seeds. The inventory keeps the fingerprints of the ids an object refers to, not the
 * ids themselves (a reference costs 16 bytes instead of a copy of a long id string), and resolves
 * them against the fingerprints of its own ids once everything is read; two different ids share
 * a fingerprint with odds far below any other error in a scan.
 */
final class IdHash {
  private static final long PRIME = 0x100000001B3L;

  private IdHash() {}

  /** The fingerprint of a key (see {@link IdIndex#keyOf}) into {@code out[at]} and {@code out[at + 1]}. */
  static void of(String key, long[] out, int at) {
    String text = IdIndex.folded(key);
    long a = A;
    long b = B;
    for (int i = 0; i < text.length(); i++) {
      int c = lower(text.charAt(i));
      a = (a ^ c) * PRIME;
      b = stepB(b, c);
    }
    out[at] = mix(a ^ text.length());
    out[at + 1] = mix(b);
  }

  /**
   * The fingerprints of a reference's lookup chain, as {@link ResourceIds#parentKey} walks it: the
   * key itself, then each ancestor that is still below a {@code /providers/} segment (a
   * reference to an IP configuration names its network interface). Every ancestor is a prefix of
   * the key ending before a '/', so one pass over the key gives all of them.
   *
   * @return how many fingerprints were written (two longs each) into {@code out} from {@code at}
   */
  static int chain(String key, long[] out, int at) {
    String text = IdIndex.folded(key);
    int length = text.length();
    int[] slashes = new int[16];
    long[] statesA = new long[16];
    long[] statesB = new long[16];
    boolean[] providers = new boolean[16];
    int count = 0;
    long a = A;
    long b = B;
    for (int i = 0; i < length; i++) {
      int c = lower(text.charAt(i));
      if (c == '/') {
        if (count == slashes.length) {
          slashes = java.util.Arrays.copyOf(slashes, count * 2);
          statesA = java.util.Arrays.copyOf(statesA, count * 2);
          statesB = java.util.Arrays.copyOf(statesB, count * 2);
          providers = java.util.Arrays.copyOf(providers, count * 2);
        }
        slashes[count] = i;
        statesA[count] = a;
        statesB[count] = b;
        providers[count] = text.regionMatches(true, i, PROVIDERS, 0, PROVIDERS.length());
        count++;
      }
      a = (a ^ c) * PRIME;
      b = stepB(b, c);
    }
    out[at] = mix(a ^ length);
    out[at + 1] = mix(b);
    int written = 1;
    int end = length;
    while (true) {
      int cut = parentEnd(end, slashes, providers, count);
      if (cut < 0) {
        return written;
      }
      int s = java.util.Arrays.binarySearch(slashes, 0, count, cut);
      out[at + 2 * written] = mix(statesA[s] ^ cut);
      out[at + 2 * written + 1] = mix(statesB[s]);
      written++;
      end = cut;
    }
  }

  /**
   * Where the parent of {@code text[0, end)} ends, when that parent is still below a
   * {@code /providers/} segment; else -1. Mirrors {@link ResourceIds#parentKey}: below the last
   * {@code /providers/}, five or more segments lose their last two (a child type and name),
   * fewer fall back to the scope before it.
   */
  private static int parentEnd(int end, int[] slashes, boolean[] providers, int count) {
    int last = lastProviders(end, slashes, providers, count);
    if (last < 0) {
      return -1;
    }
    int segments = 1;
    int secondLast = -1;
    int lastSlash = -1;
    int after = slashes[last] + PROVIDERS.length() - 1;
    for (int s = last + 1; s < count && slashes[s] < end; s++) {
      if (slashes[s] > after) {
        segments++;
        secondLast = lastSlash;
        lastSlash = slashes[s];
      }
    }
    int cut = segments >= 5 ? secondLast : slashes[last];
    return cut > 0 && lastProviders(cut, slashes, providers, count) >= 0 ? cut : -1;
  }

  private static final String PROVIDERS = "/providers/";

  /** The last slash (as an index into {@code slashes}) that opens a whole "/providers/" within [0, end), or -1. */
  private static int lastProviders(int end, int[] slashes, boolean[] providers, int count) {
    for (int s = count - 1; s >= 0; s--) {
      if (providers[s] && slashes[s] + PROVIDERS.length() <= end) {
        return s;
      }
    }
    return -1;
  }

  private static final long A = 0xCBF29CE484222325L;
  private static final long B = 0x84222325CBF29CE4L;

  private static long stepB(long b, int c) {
    long next = (b + c) * 0x9E3779B97F4A7C15L;
    return next ^ (next >>> 29);
  }

  private static int lower(char c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  /** A finalising mix (from splitmix64), so that sums and xors of hashes do not cancel. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
