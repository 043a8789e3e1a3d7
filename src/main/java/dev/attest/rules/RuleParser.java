package dev.attest.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attest.controls.Control;
import dev.attest.controls.ControlCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and validates one rule file against the rule schema and the control catalog. */
final class RuleParser {
  static final Set<String> AREAS = Set.of("network", "tls", "encryption", "private-access", "logging",
      "identity", "backup", "threat-protection");
  private static final Set<String> KEYS = Set.of("id", "name", "title", "severity", "area", "resourceType",
      "description", "rationale", "remediation", "references", "controls", "parameters", "where", "assert",
      "aliases");
  private static final Set<String> REQUIRED = Set.of("id", "name", "title", "severity", "area", "resourceType",
      "description", "rationale", "remediation", "controls", "assert");
  private static final Pattern ID = Pattern.compile("AZ-[A-Z]{2,5}-\\d{4}");

  private final LocatedYaml doc;
  private final ControlCatalog catalog;
  private final List<RuleProblem> problems;
  private final int problemsBefore;

  RuleParser(LocatedYaml doc, ControlCatalog catalog, List<RuleProblem> problems) {
    this.doc = doc;
    this.catalog = catalog;
    this.problems = problems;
    this.problemsBefore = problems.size();
  }

  /** The rule, or null when the file has problems (all of them are recorded). */
  Rule parse() {
    JsonNode root = doc.root();
    if (!root.isObject()) {
      problems.add(doc.problemAt("", false, "a rule file must be a YAML mapping"));
      return null;
    }
    root.fieldNames().forEachRemaining(key -> {
      if (!KEYS.contains(key)) {
        problems.add(doc.problemAt("/" + key, true, "unknown key '" + key + "'"));
      }
    });
    for (String key : REQUIRED.stream().sorted().toList()) {
      if (!root.hasNonNull(key)) {
        problems.add(doc.problemAt("", false, "missing required key '" + key + "'"));
      }
    }
    String id = text("id");
    if (id != null && !ID.matcher(id).matches()) {
      problems.add(doc.problemAt("/id", false, "rule id '" + id + "' must look like AZ-STG-0001"));
    }
    Severity severity = null;
    String severityText = text("severity");
    if (severityText != null) {
      severity = Severity.parse(severityText).orElse(null);
      if (severity == null) {
        problems.add(doc.problemAt("/severity", false, "severity must be critical, high, medium, low or info"));
      }
    }
    String area = text("area");
    if (area != null && !AREAS.contains(area)) {
      problems.add(doc.problemAt("/area", false, "unknown area '" + area + "'; known: "
          + String.join(", ", AREAS.stream().sorted().toList())));
    }
    Rule.Remediation remediation = remediation(root.get("remediation"));
    List<String> controls = controls(root.get("controls"));
    List<String> references = strings("references");
    Map<String, Parameter> parameters = parameters(root.get("parameters"));
    ConditionParser conditions = new ConditionParser(doc, parameters, problems);
    Condition where = root.has("where") ? conditions.parse(root.get("where"), "/where") : null;
    Condition assertion = root.has("assert") ? conditions.parse(root.get("assert"), "/assert") : null;
    if (problems.size() > problemsBefore) {
      return null;
    }
    return new Rule(id, text("name"), text("title"), severity, area, text("resourceType"),
        text("description"), text("rationale"), remediation, references, controls, parameters,
        where, assertion, doc.file());
  }

  private String text(String key) {
    JsonNode node = doc.root().get(key);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      problems.add(doc.problemAt("/" + key, false, "'" + key + "' must be a string"));
      return null;
    }
    return node.asText();
  }

  private List<String> strings(String key) {
    JsonNode node = doc.root().get(key);
    List<String> values = new ArrayList<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isArray()) {
      problems.add(doc.problemAt("/" + key, false, "'" + key + "' must be a list of strings"));
      return values;
    }
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual()) {
        problems.add(doc.problemAt("/" + key + "/" + i, false, "'" + key + "' entries must be strings"));
      } else {
        values.add(node.get(i).asText());
      }
    }
    return values;
  }

  private List<String> controls(JsonNode node) {
    List<String> ids = strings("controls");
    if (node != null && node.isArray() && node.isEmpty()) {
      problems.add(doc.problemAt("/controls", false, "a rule must map to at least one control"));
    }
    List<String> canonical = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      var control = catalog.find(ids.get(i));
      if (control.isEmpty()) {
        problems.add(doc.problemAt("/controls/" + i, false, "unknown control id '" + ids.get(i) + "'"));
        continue;
      }
      Control c = control.get();
      if (c.isPhysicalSafeguard()) {
        problems.add(doc.problemAt("/controls/" + i, false, "'" + ids.get(i)
            + "' is a physical safeguard; configuration rules cannot evidence it"));
        continue;
      }
      if (!canonical.contains(c.id())) {
        canonical.add(c.id());
      }
    }
    return canonical;
  }

  private Rule.Remediation remediation(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.add(doc.problemAt("/remediation", false, "remediation must be a mapping with text, az, bicep"));
      return null;
    }
    node.fieldNames().forEachRemaining(key -> {
      if (!Set.of("text", "az", "bicep").contains(key)) {
        problems.add(doc.problemAt("/remediation/" + key, true, "unknown remediation key '" + key + "'"));
      }
    });
    if (!node.path("text").isTextual()) {
      problems.add(doc.problemAt("/remediation", false, "remediation needs 'text'"));
    }
    return new Rule.Remediation(node.path("text").asText(""), node.hasNonNull("az") ? node.get("az").asText() : null,
        node.hasNonNull("bicep") ? node.get("bicep").asText() : null);
  }

  private Map<String, Parameter> parameters(JsonNode node) {
    Map<String, Parameter> parameters = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return parameters;
    }
    if (!node.isObject()) {
      problems.add(doc.problemAt("/parameters", false, "parameters must be a mapping of name to definition"));
      return parameters;
    }
    node.fields().forEachRemaining(entry -> {
      String at = LocatedYaml.child("/parameters", entry.getKey());
      JsonNode definition = entry.getValue();
      if (!definition.isObject()) {
        problems.add(doc.problemAt(at, false, "parameter '" + entry.getKey() + "' needs type and default"));
        return;
      }
      definition.fieldNames().forEachRemaining(key -> {
        if (!Set.of("type", "default", "description").contains(key)) {
          problems.add(doc.problemAt(LocatedYaml.child(at, key), true, "unknown parameter key '" + key + "'"));
        }
      });
      var type = Parameter.Type.parse(definition.path("type").asText(""));
      if (type.isEmpty()) {
        problems.add(doc.problemAt(LocatedYaml.child(at, "type"), false,
            "parameter type must be string, number, integer, boolean or list"));
        return;
      }
      JsonNode defaultValue = definition.get("default");
      if (defaultValue == null) {
        problems.add(doc.problemAt(at, false, "parameter '" + entry.getKey() + "' needs a default"));
        return;
      }
      String mismatch = type.get().mismatch(defaultValue);
      if (mismatch != null) {
        problems.add(doc.problemAt(LocatedYaml.child(at, "default"), false,
            "default of " + type.get().label() + " parameter '" + entry.getKey() + "' " + mismatch));
      }
      parameters.put(entry.getKey(), new Parameter(entry.getKey(), type.get(), defaultValue,
          definition.path("description").asText("")));
    });
    return parameters;
  }
}
