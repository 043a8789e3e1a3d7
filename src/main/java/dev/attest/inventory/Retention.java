package dev.attest.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an inventory keeps of each object it reads: everything (for a bundle, which copies the
 * snapshot, and for live scans), or only the fields that the rules read, per type, and the
 * outgoing references only of the types whose references the rules follow. Every object keeps
 * its id, type, {@code name} and {@code tags} (waivers select on tags). Keeping less is what
 * lets a scan of a million objects fit in a small heap; what is not kept is never evaluated, so
 * the verdicts are the same either way.
 */
public final class Retention {
  /** The type key that stands for every type (a rule counting related objects of any type). */
  public static final String ANY_TYPE = "*";
  private static final Retention EVERYTHING = new Retention(true, Map.of(), Set.of(), Map.of());
  private static final List<List<String>> ALWAYS = List.of(List.of("name"), List.of("tags"));

  private final boolean everything;
  private final Map<String, FieldTree> byType;
  private final Set<String> referenceTypes;
  /** Siblings kept beside a kept member of this name (exact case), see {@link Builder#keepBeside}. */
  private final Map<String, List<String>> beside;
  private final Map<String, FieldTree> merged = new ConcurrentHashMap<>();

  private Retention(boolean everything, Map<String, FieldTree> byType, Set<String> referenceTypes,
      Map<String, List<String>> beside) {
    this.everything = everything;
    this.byType = byType;
    this.referenceTypes = referenceTypes;
    this.beside = beside;
  }

  /** Keeps every object whole, with every reference. */
  public static Retention everything() {
    return EVERYTHING;
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean keepsEverything() {
    return everything;
  }

  /** The fields kept for objects of a type (lower-case), including those kept for every type. */
  private FieldTree fields(String typeKey) {
    return merged.computeIfAbsent(typeKey, type -> new FieldTree.Builder().merge(byType.get(ANY_TYPE))
        .merge(byType.get(type)).build());
  }

  /** What is kept of an object of a type (lower-case): its planned fields and the siblings they need. */
  public JsonNode prune(String typeKey, JsonNode body) {
    return everything ? body : fields(typeKey).prune(body, beside);
  }

  /** Whether the outgoing references of objects of this type (lower-case) are followed. */
  public boolean followsReferences(String typeKey) {
    return everything || referenceTypes.contains(ANY_TYPE) || referenceTypes.contains(typeKey);
  }

  /** Collects field paths and reference types; types compare case-insensitively. */
  public static final class Builder {
    private final Map<String, FieldTree.Builder> byType = new HashMap<>();
    private final Set<String> referenceTypes = new TreeSet<>();
    private final Map<String, List<String>> beside = new HashMap<>();

    private Builder() {
      ALWAYS.forEach(path -> keep(ANY_TYPE, path));
    }

    /** Keeps a field path of objects of a type ({@link #ANY_TYPE} for all). */
    public Builder keep(String type, List<String> path) {
      byType.computeIfAbsent(type.toLowerCase(Locale.ROOT), k -> new FieldTree.Builder()).keep(path);
      return this;
    }

    /** Follows the outgoing references of objects of a type ({@link #ANY_TYPE} for all). */
    public Builder followReferences(String type) {
      referenceTypes.add(type.toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * Wherever a member of this name (exact case) is kept, keeps these siblings of it too: for
     * whoever judges a kept value by its neighbours, such as a redactor reading the {@code name}
     * beside a {@code value}.
     */
    public Builder keepBeside(String member, List<String> siblings) {
      beside.merge(member, List.copyOf(siblings), (a, b) -> {
        List<String> both = new java.util.ArrayList<>(a);
        b.stream().filter(x -> !both.contains(x)).forEach(both::add);
        return List.copyOf(both);
      });
      return this;
    }

    public Retention build() {
      Map<String, FieldTree> trees = new HashMap<>();
      byType.forEach((type, tree) -> trees.put(type, tree.build()));
      return new Retention(false, Map.copyOf(trees), Set.copyOf(referenceTypes), Map.copyOf(beside));
    }
  }
}
