package dev.attest.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-type differences between {@code az <service> list} output and the ARM REST shape, read
 * from {@code inventory/az-cli-shapes.yaml}: properties the CLI prints under its SDK's names, and
 * types whose {@code sku} ARM keeps under {@code properties}.
 */
final class AzCliShapes {
  private static final String RESOURCE = "/inventory/az-cli-shapes.yaml";
  private static final Map<String, Shape> SHAPES = load();

  /** One type's differences: renames in file order, and where its sku belongs. */
  record Shape(List<Rename> renames, boolean skuInProperties) {
    Shape {
      renames = List.copyOf(renames);
    }
  }

  /** A property az prints as {@code from} (a path under properties) that ARM names {@code to}. */
  record Rename(List<String> from, String to) {
    Rename {
      from = List.copyOf(from);
    }
  }

  private AzCliShapes() {}

  /** True when ARM keeps this type's sku under properties. */
  static boolean skuInProperties(String typeKey) {
    Shape shape = SHAPES.get(typeKey);
    return shape != null && shape.skuInProperties();
  }

  /** Renames the CLI's property names in a folded {@code properties} object to the ARM names, in place. */
  static void rename(String typeKey, ObjectNode properties) {
    Shape shape = SHAPES.get(typeKey);
    if (shape == null) {
      return;
    }
    for (Rename rename : shape.renames()) {
      apply(properties, rename.from(), 0, rename.to());
    }
  }

  private static void apply(JsonNode node, List<String> path, int index, String to) {
    if (node == null) {
      return;
    }
    String segment = path.get(index);
    if (segment.equals("[*]")) {
      if (node.isArray()) {
        node.forEach(element -> apply(element, path, index + 1, to));
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    ObjectNode object = (ObjectNode) node;
    String present = fieldName(object, segment);
    if (present == null) {
      return;
    }
    if (index < path.size() - 1) {
      apply(object.get(present), path, index + 1, to);
    } else if (fieldName(object, to) == null) {
      // Keep the member's position, so the folded object reads like the REST one.
      ObjectNode renamed = object.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        renamed.set(field.getKey().equals(present) ? to : field.getKey(), field.getValue());
      }
      object.removeAll();
      object.setAll(renamed);
    }
  }

  /** The member's name as the object spells it (ARM names are case-insensitive), or null. */
  private static String fieldName(ObjectNode object, String name) {
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String candidate = names.next();
      if (candidate.equalsIgnoreCase(name)) {
        return candidate;
      }
    }
    return null;
  }

  private static Map<String, Shape> load() {
    JsonNode root;
    try (InputStream in = AzCliShapes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from this build");
      }
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(RESOURCE + " cannot be read: " + e.getMessage(), e);
    }
    Map<String, Shape> shapes = new HashMap<>();
    root.fields().forEachRemaining(type -> {
      List<Rename> renames = new ArrayList<>();
      type.getValue().path("renames").fields().forEachRemaining(r -> renames.add(new Rename(path(r.getKey()),
          r.getValue().asText())));
      shapes.put(type.getKey().toLowerCase(Locale.ROOT),
          new Shape(renames, type.getValue().path("skuInProperties").asBoolean(false)));
    });
    return Map.copyOf(shapes);
  }

  /** {@code a.b[*].c} as segments {@code a, b, [*], c}. */
  static List<String> path(String text) {
    List<String> segments = new ArrayList<>();
    for (String part : text.split("\\.")) {
      if (part.endsWith("[*]")) {
        segments.add(part.substring(0, part.length() - 3));
        segments.add("[*]");
      } else {
        segments.add(part);
      }
    }
    return segments;
  }
}
