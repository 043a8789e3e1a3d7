package dev.attest.inventory;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The graph of ARM objects a scan evaluates, with the problems met while reading it. Immutable
 * once built.
 *
 * <p>Objects sit in one array sorted by id compared case-insensitively, so an object's children,
 * extensions and descendants are the contiguous run of ids below its own and need no index of
 * their own; by type an array of positions; references, for the types whose references the
 * rules follow, in two compact adjacency arrays (out and in). Bodies hold what the
 * {@link Retention} kept, as a tree or encoded.
 */
public final class Inventory {
  private final IdIndex index;
  private final String[] types;
  private final Object[] bodies;
  private final BodyCodec codec;
  private final Map<String, int[]> byType;
  private final Adjacency references;
  private final Adjacency referrers;
  private final Retention retention;
  private final List<String> subscriptionIds;
  private final List<SourceProblem> problems;
  private final List<String> sources;

  Inventory(IdIndex index, String[] types, Object[] bodies, BodyCodec codec, Map<String, int[]> byType,
      Adjacency references, Adjacency referrers, Retention retention, List<String> subscriptionIds,
      List<SourceProblem> problems, List<String> sources) {
    this.index = index;
    this.types = types;
    this.bodies = bodies;
    this.codec = codec;
    this.byType = Map.copyOf(byType);
    this.references = references;
    this.referrers = referrers;
    this.retention = retention;
    this.subscriptionIds = List.copyOf(subscriptionIds);
    this.problems = List.copyOf(problems);
    this.sources = List.copyOf(sources);
  }

  /** Positions of related objects, per object: {@code targets[offsets[i] .. offsets[i+1])}. */
  record Adjacency(int[] offsets, int[] targets) {
    int[] of(int position) {
      return java.util.Arrays.copyOfRange(targets, offsets[position], offsets[position + 1]);
    }
  }

  public int size() {
    return index.size();
  }

  /**
   * True when every id is key-shaped, so that the inventory's order is exactly the order of the
   * lower-cased ids (the findings file's order); an id with surrounding space or a trailing slash
   * sorts by its key instead.
   */
  public boolean keyOrdered() {
    return index.keyOrdered();
  }

  /** What this inventory kept of each object. */
  public Retention retention() {
    return retention;
  }

  /** Every object, ordered by id key; whole only when the retention keeps everything. */
  public Collection<ArmObject> objects() {
    if (!retention.keepsEverything()) {
      throw new IllegalStateException("this inventory kept only what the rules read; read it with Retention.everything()");
    }
    return new Objects(null);
  }

  public ArmObject get(String id) {
    int position = index.find(IdIndex.keyOf(id));
    return position < 0 ? null : view(position);
  }

  /** Objects of a type, compared case-insensitively, in id order. */
  public List<ArmObject> ofType(String type) {
    int[] positions = byType.get(type.toLowerCase(Locale.ROOT));
    return positions == null ? List.of() : new Objects(positions);
  }

  public List<ArmObject> children(ArmObject object) {
    return children(object, null);
  }

  /** Direct children, of one type (lower- or mixed-case) when {@code type} is not null. */
  public List<ArmObject> children(ArmObject object, String type) {
    int self = indexOf(object);
    String key = keyOf(object, self);
    String narrowed = type == null ? null : childPrefix(key, object.type(), type);
    return below(key, narrowed != null ? narrowed : key + "/", self, type, ResourceIds::parentKey);
  }

  public List<ArmObject> extensions(ArmObject object) {
    return extensions(object, null);
  }

  /** Extension resources attached to the object, of one type when {@code type} is not null. */
  public List<ArmObject> extensions(ArmObject object, String type) {
    int self = indexOf(object);
    String key = keyOf(object, self);
    String scope = key.equals("/") ? "" : key;
    return below(key, scope + "/providers/" + (type == null ? "" : type.toLowerCase(Locale.ROOT) + "/"), self, type,
        ResourceIds::extensionScopeKey);
  }

  /**
   * The objects whose ids start with {@code prefix} (searched from just after the object's own
   * position), of {@code type} when it is given, that {@code owner} maps back to {@code key}.
   */
  private List<ArmObject> below(String key, String prefix, int self, String type,
      java.util.function.UnaryOperator<String> owner) {
    int[] range = index.range(prefix, Math.max(self + 1, 0));
    List<ArmObject> found = new ArrayList<>();
    for (int i = range[0]; i < range[1]; i++) {
      if ((type == null || types[i].equalsIgnoreCase(type)) && key.equalsIgnoreCase(owner.apply(index.id(i)))) {
        found.add(view(i));
      }
    }
    return found;
  }

  /** Objects holding this object's id in some string property (for the types whose references are followed). */
  public List<ArmObject> referrers(ArmObject object) {
    int self = indexOf(object);
    return self < 0 ? List.of() : views(referrers.of(self));
  }

  /** Objects whose id this object holds in some string property (for the types whose references are followed). */
  public List<ArmObject> references(ArmObject object) {
    int self = indexOf(object);
    return self < 0 ? List.of() : views(references.of(self));
  }

  /** Every object below this one in the id hierarchy (a subscription's whole content). */
  public List<ArmObject> descendants(ArmObject object) {
    int self = indexOf(object);
    String key = keyOf(object, self);
    int[] range = index.range(key + "/", Math.max(self + 1, 0));
    List<ArmObject> found = new ArrayList<>(range[1] - range[0]);
    for (int i = range[0]; i < range[1]; i++) {
      found.add(view(i));
    }
    return found;
  }

  public ArmObject parent(ArmObject object) {
    String parent = ResourceIds.parentKey(object.id());
    return parent == null ? null : get(parent);
  }

  /** The resource an extension resource is attached to, if it is in the inventory. */
  public ArmObject scope(ArmObject object) {
    String scope = ResourceIds.extensionScopeKey(object.id());
    return scope == null ? null : get(scope);
  }

  public List<SourceProblem> problems() {
    return problems;
  }

  /** What the inventory was read from, for coverage statements. */
  public List<String> sources() {
    return sources;
  }

  /** Subscription ids present in the inventory (from ids), sorted. */
  public List<String> subscriptionIds() {
    return subscriptionIds;
  }

  private ArmObject view(int position) {
    return ArmObject.stored(index.id(position), types[position], bodies[position], codec, position);
  }

  private List<ArmObject> views(int[] positions) {
    List<ArmObject> found = new ArrayList<>(positions.length);
    for (int position : positions) {
      found.add(view(position));
    }
    return found;
  }

  /** The key an object is compared by: the inventory's own when it holds the object at {@code self}. */
  private String keyOf(ArmObject object, int self) {
    return self >= 0 ? index.key(self) : IdIndex.keyOf(object.id());
  }

  /** The object's position when it came from this inventory, else its position by id, else -1. */
  private int indexOf(ArmObject object) {
    int position = object.index();
    if (position >= 0 && position < index.size() && index.id(position) == object.id()) {
      return position;
    }
    return index.find(IdIndex.keyOf(object.id()));
  }

  /**
   * The id prefix of a parent's children of one type: {@code parent/child-segment/} for a nested
   * type ({@code …/servers} and {@code …/servers/databases}), {@code scope/providers/type/} for
   * a top-level type under a resource group or subscription; null when neither applies.
   */
  private static String childPrefix(String parentKey, String parentType, String childType) {
    String child = childType.toLowerCase(Locale.ROOT);
    String parent = parentType.toLowerCase(Locale.ROOT);
    if (child.startsWith(parent + "/") && child.indexOf('/', parent.length() + 1) < 0) {
      return parentKey + "/" + child.substring(parent.length() + 1) + "/";
    }
    if (child.indexOf('/') == child.lastIndexOf('/') && !parentKey.contains("/providers/")) {
      return parentKey + "/providers/" + child + "/";
    }
    return null;
  }

  /** A list view creating object views on demand, over given positions or over all. */
  private final class Objects extends AbstractList<ArmObject> implements java.util.RandomAccess {
    private final int[] positions;

    Objects(int[] positions) {
      this.positions = positions;
    }

    @Override
    public ArmObject get(int i) {
      return view(positions == null ? i : positions[i]);
    }

    @Override
    public int size() {
      return positions == null ? index.size() : positions.length;
    }
  }
}
