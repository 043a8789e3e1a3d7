package dev.attest.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;

/** One normalised ARM object (resource, child, extension, subscription) as read from a source. */
public record ArmObject(String id, String type, ObjectNode body) {

  public ArmObject {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(body, "body");
  }

  /** The id as the inventory keys it: ARM ids compare case-insensitively. */
  public String key() {
    return ResourceIds.key(id);
  }

  /** The type compared case-insensitively (Resource Graph lower-cases types). */
  public String typeKey() {
    return type.toLowerCase(Locale.ROOT);
  }

  public String name() {
    JsonNode name = body.get("name");
    return name != null && name.isTextual() ? name.asText() : ResourceIds.lastName(id);
  }

  public String subscriptionId() {
    return ResourceIds.subscriptionId(id);
  }
}
