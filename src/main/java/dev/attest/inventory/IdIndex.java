package dev.attest.inventory;

import java.util.Locale;

/**
 * Positions of ARM ids sorted case-insensitively: exact lookup through an open-addressing table
 * keyed by a case-insensitive hash, and prefix ranges (an id's children and descendants) by
 * galloping search from a known position. Holds no lower-cased copies: an id is compared as it
 * is, and only an id that is not key-shaped (surrounding space, trailing slash) keeps its key.
 */
final class IdIndex {
  private final String[] ids;
  /** The key of each id that is not key-shaped, else null. */
  private final String[] odd;
  /** Positions + 1 by hash; 0 is an empty slot. */
  private final int[] table;
  private final boolean keyOrdered;

  /** @param ids sorted by {@link #keyOf}, compared with {@link ResourceIds#compareIgnoringCase} */
  IdIndex(String[] ids) {
    this.ids = ids;
    this.odd = new String[ids.length];
    boolean allShaped = true;
    for (int i = 0; i < ids.length; i++) {
      if (!ResourceIds.isKeyShaped(ids[i])) {
        odd[i] = ResourceIds.key(ids[i]);
        allShaped = false;
      }
    }
    this.keyOrdered = allShaped;
    this.table = new int[Integer.highestOneBit(Math.max(1, ids.length) * 2 - 1) << 1];
    for (int i = 0; i < ids.length; i++) {
      int slot = hash(key(i)) & (table.length - 1);
      while (table[slot] != 0) {
        slot = (slot + 1) & (table.length - 1);
      }
      table[slot] = i + 1;
    }
  }

  /**
   * Sorts positions by their keys as {@link ResourceIds#compareIgnoringCase} orders them, with a
   * multikey quicksort: ARM ids share long prefixes ("/subscriptions/…/resourceGroups/…/providers/"),
   * which a comparison sort reads again at every comparison and this reads about once. Equal keys
   * keep no particular order; callers order them.
   *
   * @return the keys as compared, for {@link #sameKey}
   */
  static String[] sort(String[] keys, int[] positions) {
    String[] folded = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      folded[i] = folded(keys[i]);
    }
    sort(folded, positions, 0, positions.length, 0);
    return folded;
  }

  /** Whether two keys as {@link #sort} returned them are equal but for case. */
  static boolean sameKey(String x, String y) {
    return x.length() == y.length() && compareFrom(x, y, 0) == 0;
  }

  /** The key as compared: ASCII letters are folded as they are read, anything else needs a lower-cased copy. */
  static String folded(String key) {
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) >= 128) {
        return key.toLowerCase(Locale.ROOT);
      }
    }
    return key;
  }

  private static int charAt(String key, int depth) {
    if (depth >= key.length()) {
      return -1;
    }
    char c = key.charAt(depth);
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  private static void sort(String[] keys, int[] a, int low, int high, int depth) {
    while (high - low > 12) {
      int pivot = charAt(keys[a[(low + high) >>> 1]], depth);
      int lt = low;
      int gt = high - 1;
      int i = low;
      while (i <= gt) {
        int c = charAt(keys[a[i]], depth);
        if (c < pivot) {
          swap(a, lt++, i++);
        } else if (c > pivot) {
          swap(a, i, gt--);
        } else {
          i++;
        }
      }
      sort(keys, a, low, lt, depth);
      sort(keys, a, gt + 1, high, depth);
      if (pivot < 0) {
        return;
      }
      // The keys equal at this depth go on to the next character, without recursion.
      low = lt;
      high = gt + 1;
      depth++;
    }
    for (int i = low + 1; i < high; i++) {
      for (int j = i; j > low && compareFrom(keys[a[j - 1]], keys[a[j]], depth) > 0; j--) {
        swap(a, j, j - 1);
      }
    }
  }

  /** Compares two folded keys from a depth where they are known to agree before it. */
  private static int compareFrom(String x, String y, int depth) {
    for (int d = depth; ; d++) {
      int a = charAt(x, d);
      int b = charAt(y, d);
      if (a != b || a < 0) {
        return a - b;
      }
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  /** What an id is compared by: the id itself when key-shaped (the comparison ignores case). */
  static String keyOf(String id) {
    return ResourceIds.isKeyShaped(id) ? id : ResourceIds.key(id);
  }

  int size() {
    return ids.length;
  }

  String id(int position) {
    return ids[position];
  }

  /** The key at a position (the id itself, unless it is not key-shaped). */
  String key(int position) {
    String key = odd[position];
    return key != null ? key : ids[position];
  }

  /** True when every id is key-shaped: the order is then exactly that of the lower-cased ids. */
  boolean keyOrdered() {
    return keyOrdered;
  }

  /** The position of a key (see {@link #keyOf}), or -1. */
  int find(String key) {
    int slot = hash(key) & (table.length - 1);
    for (int entry; (entry = table[slot]) != 0; slot = (slot + 1) & (table.length - 1)) {
      if (ResourceIds.compareIgnoringCase(key(entry - 1), key) == 0) {
        return entry - 1;
      }
    }
    return -1;
  }

  /** Positions of the keys starting with {@code prefix} (which ends in '/'), as [from, to), searched from {@code from}. */
  int[] range(String prefix, int from) {
    // '0' follows '/', so every key with the prefix sorts below the prefix with '0' for its '/'.
    String after = prefix.substring(0, prefix.length() - 1) + '0';
    int start = lowerBound(prefix, from);
    return new int[] {start, lowerBound(after, start)};
  }

  /** The first position at or after {@code from} whose key is not below {@code key} (galloping). */
  private int lowerBound(String key, int from) {
    int low = from;
    int step = 1;
    int high = from;
    while (high < ids.length && ResourceIds.compareIgnoringCase(key(high), key) < 0) {
      low = high + 1;
      high = from + step;
      step <<= 1;
    }
    high = Math.min(high, ids.length);
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (ResourceIds.compareIgnoringCase(key(mid), key) < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** A hash equal for keys equal but for case (lower-cased copies only for non-ASCII keys). */
  private static int hash(String key) {
    int hash = 0;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c >= 128) {
        return key.toLowerCase(Locale.ROOT).hashCode() * 0x9E3779B1;
      }
      hash = 31 * hash + (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return hash * 0x9E3779B1;
  }
}
