package dev.attest.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Collects objects from sources, rejects conflicting duplicates, and links the graph. */
public final class InventoryBuilder implements InventorySink {
  private final TreeMap<String, ArmObject> byKey = new TreeMap<>();
  private final Map<String, String> origins = new HashMap<>();
  private final List<SourceProblem> problems = new ArrayList<>();
  private final List<String> sources = new ArrayList<>();
  /** Keys of objects derived from an embedding parent rather than read. */
  private final Set<String> derived = new HashSet<>();

  /** Reads a whole source into this builder. */
  public InventoryBuilder read(InventorySource source) {
    sources.add(source.describe());
    source.readInto(this);
    return this;
  }

  @Override
  public void accept(ArmObject object, String origin) {
    // An exported object replaces, silently, a copy derived from its parent (EmbeddedChildren).
    ArmObject earlier = derived.remove(object.key()) ? null : byKey.putIfAbsent(object.key(), object);
    if (earlier == null) {
      byKey.put(object.key(), object);
      origins.put(object.key(), origin);
      for (ArmObject child : EmbeddedChildren.of(object)) {
        if (byKey.putIfAbsent(child.key(), child) == null) {
          derived.add(child.key());
          origins.put(child.key(), origin);
        }
      }
    } else if (!earlier.body().equals(object.body())) {
      String[] place = splitOrigin(origin);
      problems.add(new SourceProblem(place[0], Integer.parseInt(place[1]), 1,
          "duplicate id " + object.id() + " with different content (first read at "
              + origins.get(object.key()) + "); the first copy is kept"));
    }
  }

  @Override
  public void problem(SourceProblem problem) {
    problems.add(problem);
  }

  public Inventory build() {
    Map<String, List<ArmObject>> byType = new HashMap<>();
    Map<String, List<ArmObject>> children = new HashMap<>();
    Map<String, List<ArmObject>> extensions = new HashMap<>();
    Map<String, List<ArmObject>> referrers = new HashMap<>();
    Map<String, List<ArmObject>> references = new HashMap<>();
    for (ArmObject object : byKey.values()) {
      byType.computeIfAbsent(object.typeKey(), k -> new ArrayList<>()).add(object);
      String parent = ResourceIds.parentKey(object.id());
      if (parent != null) {
        children.computeIfAbsent(parent, k -> new ArrayList<>()).add(object);
      }
      String scope = ResourceIds.extensionScopeKey(object.id());
      if (scope != null) {
        extensions.computeIfAbsent(scope, k -> new ArrayList<>()).add(object);
      }
      for (String target : referencedKeys(object)) {
        referrers.computeIfAbsent(target, k -> new ArrayList<>()).add(object);
        references.computeIfAbsent(object.key(), k -> new ArrayList<>()).add(byKey.get(target));
      }
    }
    return new Inventory(byKey, byType, children, extensions, referrers, references, problems, sources);
  }

  /** Keys of inventory objects named by any string property (nearest existing resource). */
  private Set<String> referencedKeys(ArmObject object) {
    Set<String> found = new LinkedHashSet<>();
    collect(object.body(), object, found, true);
    return found;
  }

  private void collect(JsonNode node, ArmObject owner, Set<String> found, boolean top) {
    if (node.isTextual()) {
      String value = node.asText();
      if (ResourceIds.looksLikeId(value)) {
        String target = resolve(ResourceIds.key(value));
        if (target != null && !target.equals(owner.key())) {
          found.add(target);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, owner, found, false));
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (top && field.getKey().equals("id")) {
          continue;
        }
        collect(field.getValue(), owner, found, false);
      }
    }
  }

  /** The id itself when present, else its nearest ancestor that is a provider resource. */
  private String resolve(String key) {
    String candidate = key;
    while (candidate != null && candidate.contains("/providers/")) {
      if (byKey.containsKey(candidate)) {
        return candidate;
      }
      candidate = ResourceIds.parentKey(candidate);
    }
    return candidate != null && byKey.containsKey(candidate) && candidate.equals(key) ? candidate : null;
  }

  private static String[] splitOrigin(String origin) {
    int colon = origin.lastIndexOf(':');
    if (colon < 0) {
      return new String[] {origin, "0"};
    }
    String line = origin.substring(colon + 1);
    return line.chars().allMatch(Character::isDigit) && !line.isEmpty()
        ? new String[] {origin.substring(0, colon), line}
        : new String[] {origin, "0"};
  }
}
