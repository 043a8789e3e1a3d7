package dev.attest.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns one JSON object as users export it into an {@link ArmObject}: ARM GET and Resource Graph
 * rows pass through; typed {@code az <service> list} output, which flattens {@code properties}
 * into the top level (and the properties of its sub-resources into theirs), is folded back under
 * {@code properties}, with the CLI's renamed properties given their ARM names.
 */
public final class ArmNormalizer {
  /** Keys that belong to the ARM envelope (or Resource Graph's row), never to properties. */
  private static final Set<String> ENVELOPE = Set.of(
      "id", "name", "type", "location", "kind", "sku", "tags", "identity", "etag", "zones",
      "managedby", "plan", "extendedlocation", "systemdata", "resourcegroup", "subscriptionid",
      "tenantid", "properties", "apiversion", "managementgroupid");

  /** What a sub-resource keeps outside its properties (az adds resourceGroup to every one). */
  private static final Set<String> ELEMENT_ENVELOPE = Set.of("id", "name", "type", "etag", "resourcegroup");

  private ArmNormalizer() {}

  /** The normalised object, or a reason it is not an ARM object. */
  public static Result normalize(JsonNode node) {
    if (!node.isObject()) {
      return Result.rejected("is " + describeKind(node) + ", not an ARM object");
    }
    JsonNode id = node.get("id");
    JsonNode type = node.get("type");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      return Result.rejected("ARM object has no string \"id\"");
    }
    if (type == null || !type.isTextual() || type.asText().isBlank()) {
      return Result.rejected("ARM object " + id.asText() + " has no string \"type\"");
    }
    if (!id.asText().startsWith("/")) {
      return Result.rejected("\"id\" " + id.asText() + " is not an ARM resource id");
    }
    ObjectNode body = (ObjectNode) node;
    JsonNode properties = body.get("properties");
    if (properties == null || properties.isNull()) {
      body = foldFlattened(body, id.asText(), type.asText());
    } else if (!properties.isObject()) {
      return Result.rejected("ARM object " + id.asText() + " has \"properties\" that is not an object");
    }
    return new Result(new ArmObject(id.asText(), type.asText(), body), null);
  }

  /**
   * Folds az's flattened output back into the ARM shape: top-level non-envelope keys under
   * {@code properties}, then the sub-resources az flattens the same way (securityRules,
   * ipConfigurations, subnets, privateEndpointConnections, …), then the CLI's own property
   * names renamed to ARM's (see {@link AzCliShapes}).
   */
  private static ObjectNode foldFlattened(ObjectNode flat, String id, String type) {
    String typeKey = type.toLowerCase(Locale.ROOT);
    boolean skuInProperties = AzCliShapes.skuInProperties(typeKey);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode properties = JsonNodeFactory.instance.objectNode();
    List<String> names = new ArrayList<>();
    flat.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (ENVELOPE.contains(lower) && !(skuInProperties && lower.equals("sku"))) {
        if (!name.equals("properties")) {
          body.set(name, flat.get(name));
        }
      } else {
        properties.set(name, flat.get(name));
      }
    }
    foldSubResources(properties, ResourceIds.key(id), typeKey);
    AzCliShapes.rename(typeKey, properties);
    body.set("properties", properties);
    return body;
  }

  /** Replaces, at any depth below {@code node}, every flattened sub-resource of the object by its ARM shape. */
  private static void foldSubResources(JsonNode node, String ownerKey, String ownerType) {
    if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        JsonNode element = array.get(i);
        if (isFlattenedSubResource(element, ownerKey, ownerType)) {
          array.set(i, foldSubResource((ObjectNode) element, ownerKey, ownerType));
        } else {
          foldSubResources(element, ownerKey, ownerType);
        }
      }
    } else if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode value = object.get(name);
        if (isFlattenedSubResource(value, ownerKey, ownerType)) {
          object.set(name, foldSubResource((ObjectNode) value, ownerKey, ownerType));
        } else {
          foldSubResources(value, ownerKey, ownerType);
        }
      }
    }
  }

  /**
   * A sub-resource of the owner (its id below the owner's id, or its type below the owner's type)
   * printed without {@code properties} but with more than its envelope. A bare reference such as
   * {@code {"id": …, "resourceGroup": …}} has nothing to fold and stays as it is, as do objects
   * that merely carry some other resource's id.
   */
  private static boolean isFlattenedSubResource(JsonNode node, String ownerKey, String ownerType) {
    if (!node.isObject() || (node.has("properties") && !node.get("properties").isNull())) {
      return false;
    }
    JsonNode id = node.get("id");
    JsonNode type = node.get("type");
    boolean below = (id != null && id.isTextual() && ResourceIds.key(id.asText()).startsWith(ownerKey + "/"))
        || (type != null && type.isTextual() && type.asText().toLowerCase(Locale.ROOT).startsWith(ownerType + "/"));
    if (!below) {
      return false;
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      if (!ELEMENT_ENVELOPE.contains(names.next().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode foldSubResource(ObjectNode flat, String ownerKey, String ownerType) {
    ObjectNode element = JsonNodeFactory.instance.objectNode();
    ObjectNode properties = JsonNodeFactory.instance.objectNode();
    flat.fields().forEachRemaining(field -> {
      if (ELEMENT_ENVELOPE.contains(field.getKey().toLowerCase(Locale.ROOT))) {
        element.set(field.getKey(), field.getValue());
      } else if (!field.getKey().equals("properties")) {
        properties.set(field.getKey(), field.getValue());
      }
    });
    foldSubResources(properties, ownerKey, ownerType);
    element.set("properties", properties);
    return element;
  }

  private static String describeKind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  public record Result(ArmObject object, String rejection) {
    static Result rejected(String why) {
      return new Result(null, why);
    }
  }
}
