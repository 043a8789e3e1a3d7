package dev.attest.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which parts of a JSON value to keep: named members (matched case-insensitively, as ARM property
 * names are), every element of an array, or the whole value. Immutable once built.
 *
 * <p>Pruning keeps the shape a reader walks: an object or array on a kept path stays (possibly
 * empty), and a scalar where an object was expected stays too, so every lookup along a kept path
 * finds exactly what it found in the original.
 */
public final class FieldTree {
  /** The segment that stands for every element of an array, as in {@code properties.logs[*]}. */
  public static final String ELEMENTS = "[*]";

  static final FieldTree WHOLE = new FieldTree(true, Map.of(), null);
  /** Stands for "no such member" among the spellings seen. */
  private static final FieldTree NONE = new FieldTree(false, Map.of(), null);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final boolean whole;
  /** Members by lower-case name. */
  private final Map<String, FieldTree> members;
  private final FieldTree elements;
  private final Map<String, FieldTree> seen = new java.util.concurrent.ConcurrentHashMap<>();

  private FieldTree(boolean whole, Map<String, FieldTree> members, FieldTree elements) {
    this.whole = whole;
    this.members = members;
    this.elements = elements;
  }

  /**
   * The kept part of a value; where an object keeps a member named in {@code beside}, it keeps
   * those siblings too, whole (a redactor deciding whether a {@code value} is secret reads the
   * {@code name} beside it, which the rules may not read).
   */
  JsonNode prune(JsonNode node, Map<String, List<String>> beside) {
    if (whole || node == null) {
      return node;
    }
    if (node.isObject()) {
      ObjectNode kept = NODES.objectNode();
      List<String> siblings = null;
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        FieldTree member = member(field.getKey());
        if (member != null) {
          kept.set(field.getKey(), member.prune(field.getValue(), beside));
          List<String> more = beside.get(field.getKey());
          if (more != null) {
            if (siblings == null) {
              siblings = new ArrayList<>();
            }
            siblings.addAll(more);
          }
        }
      }
      if (siblings != null) {
        for (String sibling : siblings) {
          JsonNode value = node.get(sibling);
          if (value != null && !kept.has(sibling)) {
            kept.set(sibling, value);
          }
        }
      }
      return kept;
    }
    if (node.isArray()) {
      ArrayNode kept = NODES.arrayNode(elements == null ? 0 : node.size());
      if (elements != null) {
        node.forEach(element -> kept.add(elements.prune(element, beside)));
      }
      return kept;
    }
    return node;
  }

  private FieldTree member(String name) {
    if (members.isEmpty()) {
      return null;
    }
    // Objects of a type spell their members alike: remember each spelling's answer.
    FieldTree known = seen.get(name);
    if (known == null) {
      known = NONE;
      for (Map.Entry<String, FieldTree> member : members.entrySet()) {
        if (member.getKey().equalsIgnoreCase(name)) {
          known = member.getValue();
          break;
        }
      }
      if (seen.size() < 4096) {
        seen.put(name, known);
      }
    }
    return known == NONE ? null : known;
  }

  /** Collects paths into a tree; a path kept whole absorbs every longer path below it. */
  public static final class Builder {
    private boolean whole;
    private final Map<String, Builder> members = new LinkedHashMap<>();
    private Builder elements;

    /** Keeps the value at this path (segments are member names or {@link #ELEMENTS}) and all below it. */
    public Builder keep(List<String> path) {
      Builder at = this;
      for (String segment : path) {
        if (at.whole) {
          return this;
        }
        if (segment.equals(ELEMENTS)) {
          if (at.elements == null) {
            at.elements = new Builder();
          }
          at = at.elements;
        } else {
          at = at.members.computeIfAbsent(segment.toLowerCase(Locale.ROOT), k -> new Builder());
        }
      }
      at.whole = true;
      return this;
    }

    /** Everything the other tree keeps. */
    public Builder merge(FieldTree other) {
      if (other == null || whole) {
        return this;
      }
      if (other.whole) {
        whole = true;
        return this;
      }
      other.members.forEach((name, tree) -> members.computeIfAbsent(name, k -> new Builder()).merge(tree));
      if (other.elements != null) {
        if (elements == null) {
          elements = new Builder();
        }
        elements.merge(other.elements);
      }
      return this;
    }

    public FieldTree build() {
      if (whole) {
        return WHOLE;
      }
      Map<String, FieldTree> built = new LinkedHashMap<>();
      members.forEach((name, builder) -> built.put(name, builder.build()));
      return new FieldTree(false, Map.copyOf(built), elements == null ? null : elements.build());
    }
  }
}
