package dev.attest.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;

/**
 * One normalised ARM object (resource, child, extension, subscription) as read from a source, or
 * as an inventory hands it out: then its body is what the inventory kept, decoded when first asked
 * for, and the object knows its place in the inventory so that relation lookups need no search.
 */
public final class ArmObject {
  private final String id;
  private final String type;
  private final byte[] encoded;
  private final BodyCodec codec;
  private final int index;
  private volatile ObjectNode body;
  /** Derived from the id once: every finding on the object names it. */
  private String subscription;

  public ArmObject(String id, String type, ObjectNode body) {
    this(id, type, Objects.requireNonNull(body, "body"), null, null, -1);
  }

  private ArmObject(String id, String type, ObjectNode body, byte[] encoded, BodyCodec codec, int index) {
    this.id = Objects.requireNonNull(id, "id");
    this.type = Objects.requireNonNull(type, "type");
    this.body = body;
    this.encoded = encoded;
    this.codec = codec;
    this.index = index;
  }

  /** An inventory's view of its object at {@code index}: the body is kept as a tree or encoded. */
  static ArmObject stored(String id, String type, Object kept, BodyCodec codec, int index) {
    return kept instanceof ObjectNode tree ? new ArmObject(id, type, tree, null, null, index)
        : new ArmObject(id, type, null, (byte[]) kept, codec, index);
  }

  public String id() {
    return id;
  }

  public String type() {
    return type;
  }

  public ObjectNode body() {
    ObjectNode decoded = body;
    if (decoded == null) {
      decoded = codec.decode(encoded);
      body = decoded;
    }
    return decoded;
  }

  /** Where the inventory that handed this object out holds it, or -1. */
  int index() {
    return index;
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
    JsonNode name = body().get("name");
    return name != null && name.isTextual() ? name.asText() : ResourceIds.lastName(id);
  }

  public String subscriptionId() {
    String known = subscription;
    if (known == null) {
      known = ResourceIds.subscriptionId(id);
      subscription = known;
    }
    return known;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ArmObject that && id.equals(that.id) && type.equals(that.type)
        && body().equals(that.body());
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, type, body());
  }

  @Override
  public String toString() {
    return "ArmObject[id=" + id + ", type=" + type + "]";
  }
}
