package dev.attest.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An object's references to other objects: taken as it is read, as fingerprints of the ids its
 * string properties hold (with each id's ancestors below {@code /providers/}, since a reference to
 * an IP configuration names its network interface), and resolved against the inventory's ids once
 * everything is read, into adjacency arrays out of and into each object.
 */
final class References {
  private References() {}

  /** Every followed reference resolved to an object in the inventory: out of each object, and into it. */
  static Inventory.Adjacency[] link(IdIndex index, List<long[]> references) {
    int n = references.size();
    Fingerprints known = new Fingerprints(index);
    int[] outOffsets = new int[n + 1];
    int[][] outgoing = new int[n][];
    int edges = 0;
    for (int i = 0; i < n; i++) {
      outgoing[i] = known.resolveAll(i, references.get(i));
      edges += outgoing[i].length;
      outOffsets[i + 1] = edges;
    }
    int[] outTargets = new int[edges];
    int[] inOffsets = new int[n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(outgoing[i], 0, outTargets, outOffsets[i], outgoing[i].length);
      for (int target : outgoing[i]) {
        inOffsets[target + 1]++;
      }
    }
    for (int i = 0; i < n; i++) {
      inOffsets[i + 1] += inOffsets[i];
    }
    int[] fill = Arrays.copyOf(inOffsets, n);
    int[] inSources = new int[edges];
    for (int i = 0; i < n; i++) {
      for (int target : outgoing[i]) {
        inSources[fill[target]++] = i;
      }
    }
    return new Inventory.Adjacency[] {new Inventory.Adjacency(outOffsets, outTargets),
        new Inventory.Adjacency(inOffsets, inSources)};
  }

  /** The inventory's ids by fingerprint, to resolve the fingerprints objects refer to. */
  private static final class Fingerprints {
    private final long[] prints;
    private final int[] table;

    Fingerprints(IdIndex index) {
      int n = index.size();
      prints = new long[2 * n];
      table = new int[Integer.highestOneBit(Math.max(1, n) * 2 - 1) << 1];
      for (int i = 0; i < n; i++) {
        IdHash.of(index.key(i), prints, 2 * i);
        int slot = (int) prints[2 * i] & (table.length - 1);
        while (table[slot] != 0) {
          slot = (slot + 1) & (table.length - 1);
        }
        table[slot] = i + 1;
      }
    }

    int find(long high, long low) {
      int slot = (int) high & (table.length - 1);
      for (int entry; (entry = table[slot]) != 0; slot = (slot + 1) & (table.length - 1)) {
        if (prints[2 * (entry - 1)] == high && prints[2 * (entry - 1) + 1] == low) {
          return entry - 1;
        }
      }
      return -1;
    }

    /**
     * Each reference's target: the first of its lookup chain (the id, then its ancestors that are
     * provider resources) that is in the inventory; the object itself and repeats are left out.
     */
    int[] resolveAll(int self, long[] references) {
      if (references == null) {
        return NONE;
      }
      Set<Integer> found = new LinkedHashSet<>();
      for (int at = 0; at < references.length; ) {
        int levels = (int) references[at++];
        int target = -1;
        for (int level = 0; level < levels && target < 0; level++) {
          target = find(references[at + 2 * level], references[at + 2 * level + 1]);
        }
        at += 2 * levels;
        if (target >= 0 && target != self) {
          found.add(target);
        }
      }
      return found.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private static final int[] NONE = new int[0];

  /**
   * The fingerprints of every string property (but the object's own id) that looks like an ARM
   * id, in document order, each as its lookup chain: {@code levels, then levels x [high, low]}.
   */
  static long[] fingerprints(ObjectNode body) {
    List<String> found = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getKey().equals("id")) {
        collect(field.getValue(), found);
      }
    }
    if (found.isEmpty()) {
      return null;
    }
    long[] prints = new long[found.size() * 8];
    int size = 0;
    for (String candidate : found) {
      String key = IdIndex.keyOf(candidate);
      // Room for the count and as many levels as the key has '/' (an upper bound on its chain).
      int slashes = 0;
      for (int i = 0; i < key.length(); i++) {
        slashes += key.charAt(i) == '/' ? 1 : 0;
      }
      int needed = size + 1 + 2 * (1 + slashes);
      if (needed > prints.length) {
        prints = Arrays.copyOf(prints, Math.max(needed, prints.length * 2));
      }
      int levels = IdHash.chain(key, prints, size + 1);
      prints[size] = levels;
      size += 1 + 2 * levels;
    }
    return Arrays.copyOf(prints, size);
  }

  private static void collect(JsonNode node, List<String> found) {
    if (node.isTextual()) {
      String value = node.textValue();
      if (ResourceIds.looksLikeId(value)) {
        found.add(value);
      }
    } else if (node.isContainerNode()) {
      node.elements().forEachRemaining(element -> collect(element, found));
    }
  }

}
