package dev.attest.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A 64-bit fingerprint of a JSON value that is equal for equal trees: members of an object are
 * combined without regard to their order (as {@code JsonNode.equals} compares them), array
 * elements in order. Two copies of an id are told apart by it after their bodies were pruned.
 */
final class ContentHash {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private ContentHash() {}

  static long of(JsonNode node) {
    if (node == null) {
      return 0;
    }
    switch (node.getNodeType()) {
      case OBJECT: {
        long sum = 0x51ED27;
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          sum += IdHash.mix(text(field.getKey()) * 31 + of(field.getValue()));
        }
        return IdHash.mix(sum);
      }
      case ARRAY: {
        long hash = 0xA77A1;
        for (JsonNode element : node) {
          hash = hash * GOLDEN + of(element);
        }
        return IdHash.mix(hash);
      }
      case STRING:
        return IdHash.mix(text(node.textValue()) ^ 0x57);
      case NULL:
        return 0x11;
      case BOOLEAN:
        return node.booleanValue() ? 0x7 : 0x5;
      default:
        // Numbers: equal values of the same representation hash alike, as JsonNode.equals compares them.
        return IdHash.mix(text(node.asText()) ^ (node.isNumber() ? node.numberType().ordinal() : 0x3));
    }
  }

  /** String's own hash (cached on the string: field names are interned, so theirs costs nothing) and its length. */
  private static long text(String value) {
    return ((long) value.length() << 32) ^ (value.hashCode() & 0xFFFFFFFFL);
  }
}
