package dev.attest.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read as a Jackson tree that remembers where each node stood, so every
 * validation message can name {@code file:line:col} and show the offending line.
 */
public final class LocatedYaml {
  /** A key given twice in one mapping is an error: silently keeping one of the two hides a mistake. */
  private static final YAMLFactory YAML = YAMLFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** How Jackson words a repeated key, so the message can say it plainly. */
  private static final java.util.regex.Pattern DUPLICATE = java.util.regex.Pattern.compile("Duplicate field '(.*)'");

  private final String file;
  private final List<String> lines;
  private final JsonNode root;
  private final Map<String, int[]> places;

  private LocatedYaml(String file, List<String> lines, JsonNode root, Map<String, int[]> places) {
    this.file = file;
    this.lines = lines;
    this.root = root;
    this.places = places;
  }

  /** Parses text; a syntax error becomes a {@link RuleProblem} carrying its place. */
  public static LocatedYaml parse(String file, String text) throws RuleProblem.Failure {
    List<String> lines = text.lines().toList();
    Map<String, int[]> places = new HashMap<>();
    try (JsonParser parser = YAML.createParser(text)) {
      JsonToken first = parser.nextToken();
      JsonNode root = first == null ? NODES.missingNode() : read(parser, "", places);
      return new LocatedYaml(file, lines, root, places);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      int line = at == null ? 0 : at.getLineNr();
      int col = at == null ? 0 : at.getColumnNr();
      String first = e.getOriginalMessage().lines().findFirst().orElse("");
      java.util.regex.Matcher duplicate = DUPLICATE.matcher(first);
      String message = "invalid YAML: " + first;
      if (duplicate.matches()) {
        message = "key '" + duplicate.group(1) + "' appears twice in the same mapping; keep one";
        // Jackson points past the key; the caret belongs under the repeated key itself.
        int key = lineAt(lines, line).indexOf(duplicate.group(1));
        col = key >= 0 ? key + 1 : col;
      }
      throw new RuleProblem.Failure(new RuleProblem(file, line, col, message, lineAt(lines, line)));
    } catch (IOException e) {
      throw new RuleProblem.Failure(new RuleProblem(file, 0, 0, "cannot be read: " + e.getMessage(), ""));
    }
  }

  private static JsonNode read(JsonParser parser, String pointer, Map<String, int[]> places)
      throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    places.put(pointer, new int[] {at.getLineNr(), at.getColumnNr()});
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonLocation keyAt = parser.currentTokenLocation();
          String child = pointer + "/" + escape(name);
          parser.nextToken();
          object.set(name, read(parser, child, places));
          // a key's place is more useful than its value's for "unknown key" messages
          places.put(child + "#key", new int[] {keyAt.getLineNr(), keyAt.getColumnNr()});
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(read(parser, pointer + "/" + index++, places));
        }
        return array;
      }
      case VALUE_STRING -> {
        return NODES.textNode(parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return NODES.numberNode(parser.getLongValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(parser.getDecimalValue());
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> throw new IOException("unexpected YAML token " + token);
    }
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  public JsonNode root() {
    return root;
  }

  public String file() {
    return file;
  }

  /** A problem at the node addressed by a JSON pointer (or at its key, when it is a key's fault). */
  public RuleProblem problemAt(String pointer, boolean atKey, String message) {
    int[] place = atKey ? places.getOrDefault(pointer + "#key", places.get(pointer)) : places.get(pointer);
    if (place == null) {
      place = places.getOrDefault("", new int[] {0, 0});
    }
    return new RuleProblem(file, place[0], place[1], message, lineAt(lines, place[0]));
  }

  public static String child(String pointer, String name) {
    return pointer + "/" + escape(name);
  }

  public static String child(String pointer, int index) {
    return pointer + "/" + index;
  }

  private static String lineAt(List<String> lines, int line) {
    return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
  }
}
