package dev.attest.registers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attest.rules.LocatedYaml;
import dev.attest.rules.RuleProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML register (waivers, attestations): a mapping with one list of entries, read with every
 * problem located at its file, line and column, so a register with five mistakes reports five
 * lines, not the first stack trace.
 */
public final class RegisterFile {
  private final Path path;
  private final LocatedYaml yaml;
  private final List<Entry> entries = new ArrayList<>();
  private final List<RuleProblem> problems = new ArrayList<>();

  private RegisterFile(Path path, LocatedYaml yaml) {
    this.path = path;
    this.yaml = yaml;
  }

  /** Reads {@code file}, expecting {@code listKey: [ {entry}, … ]} whose entries use only {@code entryKeys}. */
  public static RegisterFile read(Path file, String listKey, Set<String> entryKeys) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      RegisterFile broken = new RegisterFile(file, null);
      broken.problems.add(new RuleProblem(file.toString(), 0, 0, "cannot be read: " + describe(e), ""));
      return broken;
    }
    LocatedYaml yaml;
    try {
      yaml = LocatedYaml.parse(file.toString(), text);
    } catch (RuleProblem.Failure e) {
      RegisterFile broken = new RegisterFile(file, null);
      broken.problems.add(e.problem());
      return broken;
    }
    RegisterFile register = new RegisterFile(file, yaml);
    JsonNode root = yaml.root();
    if (!root.isObject() || !root.path(listKey).isArray()) {
      register.problems.add(yaml.problemAt("", false, "expected a mapping with a '" + listKey + "' list"));
      return register;
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals(listKey)) {
        register.problems.add(yaml.problemAt(LocatedYaml.child("", key), true,
            "unknown key '" + key + "' (expected only '" + listKey + "')"));
      }
    }
    String listPointer = LocatedYaml.child("", listKey);
    JsonNode list = root.get(listKey);
    for (int i = 0; i < list.size(); i++) {
      String pointer = LocatedYaml.child(listPointer, i);
      JsonNode node = list.get(i);
      if (!node.isObject()) {
        register.problems.add(yaml.problemAt(pointer, false, "an entry must be a mapping"));
        continue;
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!entryKeys.contains(key)) {
          register.problems.add(yaml.problemAt(LocatedYaml.child(pointer, key), true,
              "unknown key '" + key + "' (known: " + String.join(", ", entryKeys.stream().sorted().toList()) + ")"));
        }
      }
      register.entries.add(register.new Entry(pointer, node));
    }
    return register;
  }

  private static String describe(IOException e) {
    return e instanceof java.nio.file.NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
  }

  public Path path() {
    return path;
  }

  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  public List<RuleProblem> problems() {
    return List.copyOf(problems);
  }

  /** Records a problem found while interpreting an entry (e.g. an unknown control id). */
  public void problem(String pointer, boolean atKey, String message) {
    problems.add(yaml.problemAt(pointer, atKey, message));
  }

  /** One entry of the list, with typed accessors that record a located problem and return null when wrong. */
  public final class Entry {
    private final String pointer;
    private final JsonNode node;

    Entry(String pointer, JsonNode node) {
      this.pointer = pointer;
      this.node = node;
    }

    public String pointer() {
      return pointer;
    }

    public String at(String key) {
      return LocatedYaml.child(pointer, key);
    }

    public boolean has(String key) {
      return node.hasNonNull(key);
    }

    public String text(String key, boolean required) {
      JsonNode value = node.get(key);
      if (value == null || value.isNull()) {
        if (required) {
          problems.add(yaml.problemAt(pointer, false, "missing required '" + key + "'"));
        }
        return null;
      }
      if (!value.isValueNode() || value.asText().isBlank()) {
        problems.add(yaml.problemAt(at(key), false, "'" + key + "' must be a non-empty text"));
        return null;
      }
      return value.asText().trim();
    }

    public LocalDate date(String key, boolean required) {
      String text = text(key, required);
      if (text == null) {
        return null;
      }
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        problems.add(yaml.problemAt(at(key), false, "'" + key + "' must be a date like 2026-12-31, not '" + text + "'"));
        return null;
      }
    }

    /** A text or a list of texts, as a list (absent: empty). */
    public List<String> texts(String key) {
      JsonNode value = node.get(key);
      List<String> out = new ArrayList<>();
      if (value == null || value.isNull()) {
        return out;
      }
      if (value.isValueNode()) {
        out.add(value.asText().trim());
        return out;
      }
      if (!value.isArray()) {
        problems.add(yaml.problemAt(at(key), false, "'" + key + "' must be a text or a list of texts"));
        return out;
      }
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        if (!item.isValueNode() || item.asText().isBlank()) {
          problems.add(yaml.problemAt(LocatedYaml.child(at(key), i), false, "'" + key + "' items must be non-empty texts"));
        } else {
          out.add(item.asText().trim());
        }
      }
      return out;
    }

    /** A mapping of texts (absent: empty). */
    public Map<String, String> textMap(String key) {
      JsonNode value = node.get(key);
      Map<String, String> out = new LinkedHashMap<>();
      if (value == null || value.isNull()) {
        return out;
      }
      if (!value.isObject()) {
        problems.add(yaml.problemAt(at(key), false, "'" + key + "' must be a mapping of name: value"));
        return out;
      }
      value.fields().forEachRemaining(e -> {
        if (!e.getValue().isValueNode()) {
          problems.add(yaml.problemAt(LocatedYaml.child(at(key), e.getKey()), false, "'" + key + "' values must be texts"));
        } else {
          out.put(e.getKey(), e.getValue().asText());
        }
      });
      return out;
    }

    /** The list of mappings under {@code key} (absent: empty). */
    public List<JsonNode> mappings(String key) {
      JsonNode value = node.get(key);
      List<JsonNode> out = new ArrayList<>();
      if (value == null || value.isNull()) {
        return out;
      }
      if (!value.isArray()) {
        problems.add(yaml.problemAt(at(key), false, "'" + key + "' must be a list"));
        return out;
      }
      value.forEach(out::add);
      return out;
    }

    public void problem(String key, String message) {
      problems.add(yaml.problemAt(key == null ? pointer : at(key), false, message));
    }

    public void problemAt(String subPointer, String message) {
      problems.add(yaml.problemAt(subPointer, false, message));
    }
  }
}
