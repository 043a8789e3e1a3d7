package dev.attest.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compact binary form in which an inventory holds what it kept of each object: a tagged tree
 * whose member names and string values are numbers into one pool shared by the whole inventory.
 * ARM objects repeat the same names, enumerations and ids (role definitions, workspaces, scopes)
 * across thousands of objects; each is held once. Values that are almost always unique (GUIDs)
 * and very long strings are written inline. Decoding gives back a tree equal to the one encoded,
 * node types included (an int stays an int, a double a double), so evidence renders the same.
 *
 * <p>Thread-safe: sources read on several threads encode concurrently.
 */
final class BodyCodec {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int OBJECT = 1;
  private static final int ARRAY = 2;
  private static final int POOLED = 3;
  private static final int INLINE = 4;
  private static final int INT = 5;
  private static final int LONG = 6;
  private static final int DOUBLE = 7;
  private static final int FLOAT = 8;
  private static final int BIG_INTEGER = 9;
  private static final int DECIMAL = 10;
  private static final int TRUE = 11;
  private static final int FALSE = 12;
  private static final int NULL = 13;
  /** Strings longer than this are written inline: rarely repeated, and cheap to keep once. */
  private static final int LONGEST_POOLED = 512;

  private final Map<String, Integer> numbers = new ConcurrentHashMap<>();
  private volatile String[] pool = new String[1024];
  private int pooled;

  byte[] encode(JsonNode body) {
    Out out = new Out();
    write(body, out);
    return out.toByteArray();
  }

  ObjectNode decode(byte[] encoded) {
    In in = new In(encoded, pool);
    return (ObjectNode) read(in);
  }

  /** Stops pooling: once everything is read only decoding is left, and the lookup map is dropped. */
  void freeze() {
    numbers.clear();
  }

  private void write(JsonNode node, Out out) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        out.write(OBJECT);
        out.varint(node.size());
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> field = fields.next();
          out.varint(number(field.getKey()));
          write(field.getValue(), out);
        }
      }
      case ARRAY -> {
        out.write(ARRAY);
        out.varint(node.size());
        for (JsonNode element : node) {
          write(element, out);
        }
      }
      case STRING -> text(node.textValue(), out);
      case BOOLEAN -> out.write(node.booleanValue() ? TRUE : FALSE);
      case NULL -> out.write(NULL);
      case NUMBER -> number(node, out);
      default -> throw new IllegalArgumentException("cannot keep a JSON " + node.getNodeType() + " value");
    }
  }

  private void text(String value, Out out) {
    if (value.length() > LONGEST_POOLED || looksUnique(value)) {
      out.write(INLINE);
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      out.varint(bytes.length);
      out.write(bytes, 0, bytes.length);
    } else {
      out.write(POOLED);
      out.varint(number(value));
    }
  }

  private void number(JsonNode node, Out out) {
    switch (node.numberType()) {
      case INT -> {
        out.write(INT);
        out.varlong(zigzag(node.intValue()));
      }
      case LONG -> {
        out.write(LONG);
        out.varlong(zigzag(node.longValue()));
      }
      case DOUBLE -> {
        out.write(DOUBLE);
        out.fixed(Double.doubleToRawLongBits(node.doubleValue()));
      }
      case FLOAT -> {
        out.write(FLOAT);
        out.fixed(Float.floatToRawIntBits(node.floatValue()));
      }
      case BIG_INTEGER -> {
        out.write(BIG_INTEGER);
        out.varint(number(node.bigIntegerValue().toString()));
      }
      default -> {
        out.write(DECIMAL);
        out.varint(number(node.decimalValue().toString()));
      }
    }
  }

  private static long zigzag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  /** A GUID (principal ids, assignment names) is as good as unique: pooling it would cost more than it saves. */
  private static boolean looksUnique(String value) {
    return value.length() == 36 && value.charAt(8) == '-' && value.charAt(13) == '-' && value.charAt(18) == '-'
        && value.charAt(23) == '-';
  }

  private int number(String value) {
    Integer known = numbers.get(value);
    return known != null ? known : numbers.computeIfAbsent(value, this::add);
  }

  /** Appends to the pool; called once per distinct string, under the map's lock for that key. */
  private synchronized int add(String value) {
    String[] current = pool;
    if (pooled == current.length) {
      current = Arrays.copyOf(current, current.length * 2);
    }
    current[pooled] = value;
    // Published after the string is in place, so a reader that sees its number sees the string.
    pool = current;
    return pooled++;
  }

  private static JsonNode read(In in) {
    int tag = in.read();
    switch (tag) {
      case OBJECT: {
        int size = in.varint();
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < size; i++) {
          String name = in.pooled(in.varint());
          object.set(name, read(in));
        }
        return object;
      }
      case ARRAY: {
        int size = in.varint();
        ArrayNode array = NODES.arrayNode(size);
        for (int i = 0; i < size; i++) {
          array.add(read(in));
        }
        return array;
      }
      case POOLED:
        return NODES.textNode(in.pooled(in.varint()));
      case INLINE:
        return NODES.textNode(in.inline(in.varint()));
      case INT:
        return NODES.numberNode((int) unzigzag(in.varlong()));
      case LONG:
        return NODES.numberNode(unzigzag(in.varlong()));
      case DOUBLE:
        return NODES.numberNode(Double.longBitsToDouble(in.fixed64()));
      case FLOAT:
        return NODES.numberNode(Float.intBitsToFloat((int) in.fixed32()));
      case BIG_INTEGER:
        return NODES.numberNode(new BigInteger(in.pooled(in.varint())));
      case DECIMAL:
        return NODES.numberNode(new BigDecimal(in.pooled(in.varint())));
      case TRUE:
        return NODES.booleanNode(true);
      case FALSE:
        return NODES.booleanNode(false);
      case NULL:
        return NODES.nullNode();
      default:
        throw new IllegalStateException("corrupt kept body: tag " + tag);
    }
  }

  private static long unzigzag(long value) {
    return (value >>> 1) ^ -(value & 1);
  }

  /** An encoding buffer. */
  private static final class Out extends ByteArrayOutputStream {
    Out() {
      super(64);
    }

    void varint(int value) {
      varlong(value & 0xFFFFFFFFL);
    }

    void varlong(long value) {
      while ((value & ~0x7FL) != 0) {
        write((int) ((value & 0x7F) | 0x80));
        value >>>= 7;
      }
      write((int) value);
    }

    void fixed(long value) {
      for (int i = 0; i < 8; i++) {
        write((int) (value >>> (8 * i)));
      }
    }

    void fixed(int value) {
      for (int i = 0; i < 4; i++) {
        write(value >>> (8 * i));
      }
    }
  }

  /** A decoding cursor. */
  private static final class In {
    private final byte[] bytes;
    private final String[] pool;
    private int at;

    In(byte[] bytes, String[] pool) {
      this.bytes = bytes;
      this.pool = pool;
    }

    int read() {
      return bytes[at++] & 0xFF;
    }

    int varint() {
      return (int) varlong();
    }

    long varlong() {
      long value = 0;
      int shift = 0;
      int b;
      do {
        b = read();
        value |= (long) (b & 0x7F) << shift;
        shift += 7;
      } while ((b & 0x80) != 0);
      return value;
    }

    long fixed64() {
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value |= (long) read() << (8 * i);
      }
      return value;
    }

    long fixed32() {
      long value = 0;
      for (int i = 0; i < 4; i++) {
        value |= (long) read() << (8 * i);
      }
      return value;
    }

    String pooled(int number) {
      return pool[number];
    }

    String inline(int length) {
      String text = new String(bytes, at, length, StandardCharsets.UTF_8);
      at += length;
      return text;
    }
  }
}
