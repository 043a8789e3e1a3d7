package dev.attest.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns one JSON object as users export it into an {@link ArmObject}: ARM GET and Resource Graph
 * rows pass through; typed {@code az <service> list} output, which flattens {@code properties}
 * into the top level, is folded back under {@code properties}.
 */
public final class ArmNormalizer {
  /** Keys that belong to the ARM envelope (or Resource Graph's row), never to properties. */
  private static final Set<String> ENVELOPE = Set.of(
      "id", "name", "type", "location", "kind", "sku", "tags", "identity", "etag", "zones",
      "managedby", "plan", "extendedlocation", "systemdata", "resourcegroup", "subscriptionid",
      "tenantid", "properties", "apiversion", "managementgroupid");

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
      body = foldFlattened(body);
    } else if (!properties.isObject()) {
      return Result.rejected("ARM object " + id.asText() + " has \"properties\" that is not an object");
    }
    return new Result(new ArmObject(id.asText(), type.asText(), body), null);
  }

  private static ObjectNode foldFlattened(ObjectNode flat) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode properties = JsonNodeFactory.instance.objectNode();
    List<String> names = new ArrayList<>();
    flat.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (ENVELOPE.contains(name.toLowerCase(Locale.ROOT))) {
        if (!name.equals("properties")) {
          body.set(name, flat.get(name));
        }
      } else {
        properties.set(name, flat.get(name));
      }
    }
    body.set("properties", properties);
    return body;
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
