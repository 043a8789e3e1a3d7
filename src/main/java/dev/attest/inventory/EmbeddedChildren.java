package dev.attest.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The child resources embedded in a normalised ARM object that ARM also serves as resources of
 * their own, as those resources: a virtual network's {@code properties.subnets[*]} as
 * {@code Microsoft.Network/virtualNetworks/subnets} objects. A plain ARM GET or Resource Graph
 * export of a tenant has no subnet rows, so without this the subnets (and their NSGs and flow-log
 * coverage) would be invisible to every rule that follows a NIC, NSG or flow log to its subnet.
 *
 * <p>Pure: the parent is not changed and each child's body is a copy. A child gets the element's
 * own {@code id} (or, without one, the parent's id + {@code /subnets/} + its name), {@code name},
 * {@code type} (the element's, else the child type), {@code etag} and {@code properties}, which is
 * the shape a GET of the child returns. Elements that are not objects, have neither id nor name, or
 * whose id is not directly below the parent are skipped rather than guessed at.
 *
 * <p>NSG {@code securityRules[*]} are deliberately not derived: the rules that read them take the
 * embedded array and child rule objects alike, so copies would only add objects.
 */
public final class EmbeddedChildren {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** An embedded collection: the property under {@code properties}, the child type and its id segment. */
  private record Collection(String property, String childType, String segment) {}

  /** By parent type (lower case). */
  private static final Map<String, List<Collection>> EMBEDDED = Map.of(
      "microsoft.network/virtualnetworks",
      List.of(new Collection("subnets", "Microsoft.Network/virtualNetworks/subnets", "subnets")));

  private EmbeddedChildren() {}

  /** The embedded children of {@code parent} as ARM objects, in array order; empty for other types. */
  public static List<ArmObject> of(ArmObject parent) {
    List<Collection> collections = EMBEDDED.get(parent.typeKey());
    if (collections == null) {
      return List.of();
    }
    JsonNode properties = field(parent.body(), "properties");
    List<ArmObject> children = new ArrayList<>();
    for (Collection collection : collections) {
      JsonNode array = properties == null ? null : field(properties, collection.property());
      if (array == null || !array.isArray()) {
        continue;
      }
      for (JsonNode element : array) {
        ArmObject child = child(parent, collection, element);
        if (child != null) {
          children.add(child);
        }
      }
    }
    return children;
  }

  private static ArmObject child(ArmObject parent, Collection collection, JsonNode element) {
    if (!element.isObject()) {
      return null;
    }
    String name = text(element, "name");
    String id = text(element, "id");
    if (id == null) {
      if (name == null || name.isBlank()) {
        return null;
      }
      id = trimmed(parent.id()) + "/" + collection.segment() + "/" + name;
    } else if (!parent.key().equals(ResourceIds.parentKey(id))) {
      return null;
    }
    String type = text(element, "type");
    if (type == null || !type.equalsIgnoreCase(collection.childType())) {
      type = collection.childType();
    }
    ObjectNode body = NODES.objectNode();
    body.put("id", id);
    body.put("name", name != null ? name : ResourceIds.lastName(id));
    body.put("type", type);
    JsonNode etag = field(element, "etag");
    if (etag != null) {
      body.set("etag", etag.deepCopy());
    }
    JsonNode properties = field(element, "properties");
    body.set("properties", properties != null && properties.isObject() ? properties.deepCopy() : NODES.objectNode());
    return new ArmObject(id, type, body);
  }

  private static String trimmed(String id) {
    return id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
  }

  private static String text(JsonNode node, String name) {
    JsonNode value = field(node, name);
    return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }

  /** ARM property names are case-insensitive (Resource Graph and az spell some differently). */
  private static JsonNode field(JsonNode node, String name) {
    JsonNode exact = node.get(name);
    if (exact != null) {
      return exact;
    }
    var names = node.fieldNames();
    while (names.hasNext()) {
      String candidate = names.next();
      if (candidate.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return node.get(candidate);
      }
    }
    return null;
  }
}
