package dev.attest.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.attest.inventory.ArmObject;
import dev.attest.inventory.CollectionMarker;
import dev.attest.inventory.Inventory;
import dev.attest.rules.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Domain functions that make a rule fail closed when the inventory lacks what its verdict depends
 * on. A condition can count the related objects that are present but cannot see the ones that
 * are missing, so a rule that follows a VM to its NIC, or counts a server's firewall rules, would
 * read "none found" as "none exist" and pass. These functions throw instead (an ERROR finding):
 *
 * <ul>
 *   <li>{@code referencedObjects} ({@code args.paths}: field paths holding ARM ids, {@code [*]}
 *       allowed): the ids found there, every one of which must be in the inventory;</li>
 *   <li>{@code collectedChildren} ({@code args.type}: a child type): how many children of that
 *       type the subject has, when they are known to have been listed: at least one is present, or
 *       a {@link CollectionMarker} says the list call succeeded.</li>
 * </ul>
 *
 * Rules test them with {@code exists: true}, placed before the test whose verdict needs them.
 */
final class InventoryFunctions {
  static final Set<String> NAMES = Set.of("referencedObjects", "collectedChildren");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private InventoryFunctions() {}

  static boolean handles(String function) {
    return NAMES.contains(function);
  }

  /**
   * What a function reads: the paths it follows on the subject (the whole subject when they are
   * given through a parameter, which the plan cannot see), and a collection record's fields.
   */
  static List<NetworkFunctions.Read> reads(String function, JsonNode args) {
    List<NetworkFunctions.Read> reads = new ArrayList<>();
    if (function.equals("referencedObjects")) {
      JsonNode paths = args == null ? null : Values.field(args, "paths");
      if (paths != null && paths.isArray() && dev.attest.rules.ParameterRef.name(paths) == null) {
        for (JsonNode path : paths) {
          if (path.isTextual() && dev.attest.rules.ParameterRef.name(path) == null) {
            reads.add(new NetworkFunctions.Read(null, path.asText()));
          } else {
            reads.add(new NetworkFunctions.Read(null, null));
          }
        }
      } else {
        reads.add(new NetworkFunctions.Read(null, null));
      }
    } else {
      for (String field : List.of("type", "complete", "count", "reason")) {
        reads.add(new NetworkFunctions.Read(CollectionMarker.TYPE, "properties." + field));
      }
    }
    return reads;
  }

  static NetworkFunctions.Result compute(String function, ArmObject subject, JsonNode args, Inventory inventory) {
    return switch (function) {
      case "referencedObjects" -> referencedObjects(subject, args, inventory);
      case "collectedChildren" -> collectedChildren(subject, args, inventory);
      default -> throw new EvaluationError("unknown function " + function);
    };
  }

  private static NetworkFunctions.Result referencedObjects(ArmObject subject, JsonNode args, Inventory inventory) {
    JsonNode paths = args == null ? null : Values.field(args, "paths");
    if (paths == null || !paths.isArray() || paths.isEmpty()) {
      throw new EvaluationError("referencedObjects needs args.paths (a list of field paths)");
    }
    ArrayNode found = NODES.arrayNode();
    List<String> missing = new ArrayList<>();
    for (JsonNode text : paths) {
      FieldPath path = FieldPath.parse(text.asText());
      List<String[]> values = new ArrayList<>();
      walk(subject.body(), path.segments(), 0, "", values);
      for (String[] value : values) {
        String id = value[1];
        if (inventory.get(id) != null) {
          found.add(id);
        } else {
          missing.add(id + " (" + value[0] + ")");
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new EvaluationError((missing.size() == 1 ? "the object it references is" : "objects it references are")
          + " not in the input: " + String.join(", ", missing)
          + "; export " + (missing.size() == 1 ? "it" : "them") + " with the rest of the snapshot");
    }
    return new NetworkFunctions.Result(found, found.isEmpty() ? "references nothing at these paths"
        : "every referenced object is in the input");
  }

  /** Collects the textual values at a path (with their concrete path), fanning out over [*]. */
  private static void walk(JsonNode node, List<FieldPath.Segment> segments, int index, String at, List<String[]> out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (index == segments.size()) {
      if (node.isTextual() && !node.asText().isBlank()) {
        out.add(new String[] {at, node.asText()});
      }
      return;
    }
    FieldPath.Segment segment = segments.get(index);
    if (segment.wildcard()) {
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          walk(node.get(i), segments, index + 1, at + "[" + i + "]", out);
        }
      }
      return;
    }
    if (node.isObject()) {
      walk(Values.field(node, segment.name()), segments, index + 1,
          at.isEmpty() ? segment.name() : at + "." + segment.name(), out);
    }
  }

  private static NetworkFunctions.Result collectedChildren(ArmObject subject, JsonNode args, Inventory inventory) {
    JsonNode type = args == null ? null : Values.field(args, "type");
    if (type == null || !type.isTextual()) {
      throw new EvaluationError("collectedChildren needs args.type (a child resource type)");
    }
    String childType = type.asText();
    int count = 0;
    ArmObject marker = null;
    for (ArmObject child : inventory.children(subject)) {
      if (child.type().equalsIgnoreCase(childType)) {
        count++;
      } else if (childType.equalsIgnoreCase(CollectionMarker.childType(child))) {
        marker = child;
      }
    }
    if (marker != null && !marker.body().path("properties").path("complete").asBoolean(false)) {
      String reason = marker.body().path("properties").path("reason").asText("");
      throw new EvaluationError("its " + childType + " children were not all read"
          + (reason.isEmpty() ? "" : " (" + reason + ")"));
    }
    if (marker == null && count == 0) {
      throw new EvaluationError("its " + childType + " children were not collected (Resource Graph and ARM GET of the "
          + "parent do not return them; a live scan lists them, or export them into the snapshot)");
    }
    // The same words whether or not a marker is present when children are, so a live scan and a
    // snapshot of the same tenant give the same evidence.
    return new NetworkFunctions.Result(NODES.numberNode(count), count == 0 ? "listed, and there are none"
        : count + " " + childType + " object(s) in the input");
  }
}
