package dev.attest.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A rule parameter: its declared type, default and description. */
public record Parameter(String name, Type type, JsonNode defaultValue, String description) {

  /** Parameter types; values are checked against them at load and when overridden. */
  public enum Type {
    STRING, NUMBER, INTEGER, BOOLEAN, LIST;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Type> parse(String text) {
      return Arrays.stream(values()).filter(t -> t.label().equals(text)).findFirst();
    }

    /** Null when the value fits the type, else why not. */
    public String mismatch(JsonNode value) {
      return switch (this) {
        case STRING -> value.isTextual() ? null
            : value.isNumber() ? "is the number " + value + "; quote it (\"" + value.asText() + "\") to make it a string"
            : "is not a string";
        case NUMBER -> value.isNumber() ? null : "is not a number";
        case INTEGER -> value.isIntegralNumber()
            || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0) ? null
            : "is not an integer";
        case BOOLEAN -> value.isBoolean() ? null : "is not true or false";
        case LIST -> value.isArray() ? null : "is not a list";
      };
    }

    /** Parses a value given on the command line or in a config file as text. */
    public JsonNode fromText(String text) {
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      String trimmed = text.trim();
      switch (this) {
        case STRING:
          return nodes.textNode(text);
        case NUMBER:
          return nodes.numberNode(new BigDecimal(trimmed));
        case INTEGER:
          return nodes.numberNode(Long.parseLong(trimmed));
        case BOOLEAN:
          if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
            return nodes.booleanNode(Boolean.parseBoolean(trimmed));
          }
          throw new IllegalArgumentException("expected true or false");
        case LIST:
        default:
          var array = nodes.arrayNode();
          for (String part : trimmed.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
              continue;
            }
            if (item.matches("-?\\d+")) {
              array.add(Long.parseLong(item));
            } else {
              array.add(item);
            }
          }
          return array;
      }
    }
  }
}
