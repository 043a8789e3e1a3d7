package dev.attest.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The record a collector leaves that it listed a parent's children of one type, so that "no
 * children" can be told from "children never read" (Resource Graph and a plain ARM GET return no
 * SQL firewall rules, for example). It is an ARM-shaped extension object of the parent:
 * {@code {parent}/providers/Attest.Inventory/collections/{child type with '/' as '.'}}, type
 * {@value #TYPE}, with {@code properties.type} (the child type), {@code complete} (whether every
 * page was read), {@code count} and, when incomplete, {@code reason}. A live scan writes one per
 * list call a rule depends on, {@code --save-snapshot} keeps it, and a hand-made snapshot may
 * carry one to state that a parent has none.
 */
public final class CollectionMarker {
  /** The marker's type; no Azure provider uses the namespace. */
  public static final String TYPE = "Attest.Inventory/collections";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CollectionMarker() {}

  /** The marker object for one list call, as JSON to deliver like any other object read. */
  public static ObjectNode of(String parentId, String childType, boolean complete, int count, String reason) {
    String parent = parentId.endsWith("/") ? parentId.substring(0, parentId.length() - 1) : parentId;
    String name = childType.replace('/', '.');
    ObjectNode marker = NODES.objectNode();
    marker.put("id", parent + "/providers/" + TYPE + "/" + name);
    marker.put("name", name);
    marker.put("type", TYPE);
    ObjectNode properties = marker.putObject("properties");
    properties.put("type", childType);
    properties.put("complete", complete);
    properties.put("count", count);
    if (reason != null) {
      properties.put("reason", reason);
    }
    return marker;
  }

  public static boolean isMarker(ArmObject object) {
    return object.typeKey().equals(TYPE.toLowerCase(Locale.ROOT));
  }

  /** The child type a marker vouches for, or null when the object is not a marker. */
  public static String childType(ArmObject object) {
    if (!isMarker(object)) {
      return null;
    }
    JsonNode type = object.body().path("properties").path("type");
    return type.isTextual() ? type.asText() : null;
  }
}
