package dev.attest.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a rule's fixtures file: named ARM objects with the outcome the rule must give them. */
public final class Fixtures {
  private static final Set<String> KEYS = Set.of("name", "expect", "params", "resource", "related", "description");
  private static final Set<String> EXPECTS = Set.of("pass", "fail", "not_applicable", "error");

  private Fixtures() {}

  /** One fixture case. */
  public record Case(String name, String expect, Map<String, JsonNode> params, JsonNode resource,
      List<JsonNode> related, String place) {
    public Case {
      params = Map.copyOf(params);
      related = List.copyOf(related);
    }
  }

  /** The cases of a fixtures file; problems (with places) are added to {@code problems}. */
  public static List<Case> load(Path file, String displayName, List<RuleProblem> problems) {
    LocatedYaml doc;
    try {
      doc = LocatedYaml.parse(displayName, Files.readString(file, StandardCharsets.UTF_8));
    } catch (RuleProblem.Failure f) {
      problems.add(f.problem());
      return List.of();
    } catch (IOException e) {
      problems.add(new RuleProblem(displayName, 0, 0, "cannot be read: " + e.getMessage(), ""));
      return List.of();
    }
    JsonNode root = doc.root();
    if (!root.isArray()) {
      problems.add(doc.problemAt("", false, "a fixtures file is a list of cases"));
      return List.of();
    }
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      String at = "/" + i;
      JsonNode c = root.get(i);
      if (!c.isObject()) {
        problems.add(doc.problemAt(at, false, "a fixture case is a mapping"));
        continue;
      }
      int before = problems.size();
      c.fieldNames().forEachRemaining(key -> {
        if (!KEYS.contains(key)) {
          problems.add(doc.problemAt(at + "/" + key, true, "unknown fixture key '" + key + "'"));
        }
      });
      String expect = c.path("expect").asText("");
      if (!EXPECTS.contains(expect)) {
        problems.add(doc.problemAt(at + "/expect", false, "expect must be pass, fail, not_applicable or error"));
      }
      if (!c.path("resource").isObject()) {
        problems.add(doc.problemAt(at, false, "a fixture case needs 'resource' (the ARM object under test)"));
      }
      JsonNode related = c.get("related");
      if (related != null && !related.isArray()) {
        problems.add(doc.problemAt(at + "/related", false, "'related' is a list of ARM objects"));
      }
      if (problems.size() > before) {
        continue;
      }
      Map<String, JsonNode> params = new java.util.LinkedHashMap<>();
      c.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue()));
      List<JsonNode> others = new ArrayList<>();
      if (related != null) {
        related.forEach(others::add);
      }
      var place = doc.problemAt(at, false, "");
      cases.add(new Case(c.path("name").asText("case " + (i + 1)), expect, params, c.get("resource"), others,
          place.file() + ":" + place.line()));
    }
    return cases;
  }
}
