package dev.attest.inventory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The graph of ARM objects a scan evaluates: indexed by id, by type, by parent, by extension
 * scope and by reference, with the problems met while reading it. Immutable once built.
 */
public final class Inventory {
  private final NavigableMap<String, ArmObject> byKey;
  private final Map<String, List<ArmObject>> byType;
  private final Map<String, List<ArmObject>> children;
  private final Map<String, List<ArmObject>> extensions;
  private final Map<String, List<ArmObject>> referrers;
  private final Map<String, List<ArmObject>> references;
  private final List<SourceProblem> problems;
  private final List<String> sources;

  Inventory(NavigableMap<String, ArmObject> byKey, Map<String, List<ArmObject>> byType,
      Map<String, List<ArmObject>> children, Map<String, List<ArmObject>> extensions,
      Map<String, List<ArmObject>> referrers, Map<String, List<ArmObject>> references,
      List<SourceProblem> problems, List<String> sources) {
    this.byKey = Collections.unmodifiableNavigableMap(byKey);
    this.byType = byType;
    this.children = children;
    this.extensions = extensions;
    this.referrers = referrers;
    this.references = references;
    this.problems = List.copyOf(problems);
    this.sources = List.copyOf(sources);
  }

  public int size() {
    return byKey.size();
  }

  /** Every object, ordered by id key. */
  public Collection<ArmObject> objects() {
    return byKey.values();
  }

  public ArmObject get(String id) {
    return byKey.get(ResourceIds.key(id));
  }

  /** Objects of a type, compared case-insensitively, in id order. */
  public List<ArmObject> ofType(String type) {
    return byType.getOrDefault(type.toLowerCase(Locale.ROOT), List.of());
  }

  public List<ArmObject> children(ArmObject object) {
    return children.getOrDefault(object.key(), List.of());
  }

  public List<ArmObject> extensions(ArmObject object) {
    return extensions.getOrDefault(object.key(), List.of());
  }

  /** Objects holding this object's id in some string property. */
  public List<ArmObject> referrers(ArmObject object) {
    return referrers.getOrDefault(object.key(), List.of());
  }

  /** Objects whose id this object holds in some string property. */
  public List<ArmObject> references(ArmObject object) {
    return references.getOrDefault(object.key(), List.of());
  }

  /** Every object below this one in the id hierarchy (a subscription's whole content). */
  public List<ArmObject> descendants(ArmObject object) {
    String prefix = object.key() + "/";
    return new ArrayList<>(byKey.subMap(prefix, true, prefix + Character.MAX_VALUE, false).values());
  }

  public ArmObject parent(ArmObject object) {
    String parent = ResourceIds.parentKey(object.id());
    return parent == null ? null : byKey.get(parent);
  }

  /** The resource an extension resource is attached to, if it is in the inventory. */
  public ArmObject scope(ArmObject object) {
    String scope = ResourceIds.extensionScopeKey(object.id());
    return scope == null ? null : byKey.get(scope);
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
    return byKey.values().stream().map(ArmObject::subscriptionId).filter(s -> !s.isEmpty())
        .distinct().sorted().toList();
  }
}
