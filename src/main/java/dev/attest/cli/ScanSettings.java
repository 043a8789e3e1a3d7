package dev.attest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attest.controls.Control;
import dev.attest.rules.LocatedYaml;
import dev.attest.rules.Parameter;
import dev.attest.rules.Rule;
import dev.attest.rules.RulePack;
import dev.attest.rules.RuleProblem;
import dev.attest.rules.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gate threshold, gated controls and rule parameters, merged from a config file and the command
 * line (the command line wins). Any error is a usage error: one line naming what is wrong.
 */
final class ScanSettings {
  private static final Set<String> CONFIG_KEYS = Set.of("failOn", "failOnControls", "parameters");

  Severity failOn = Severity.HIGH;
  /** Gated control ids as given, with where each was given ("--fail-on-control" or a config file place). */
  final Map<String, String> failOnControls = new LinkedHashMap<>();
  final Map<String, Map<String, JsonNode>> parameters = new HashMap<>();

  /** Thrown for a bad setting; the message is the one line users see. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  void readConfig(Path file, RulePack pack) throws Invalid {
    // Read with places, so every complaint about the file names its line and column.
    LocatedYaml doc;
    try {
      doc = LocatedYaml.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (RuleProblem.Failure f) {
      throw new Invalid(f.problem().describe());
    } catch (IOException e) {
      throw new Invalid(file + ": cannot be read: " + e.getMessage());
    }
    JsonNode root = doc.root();
    if (root == null || !root.isObject()) {
      throw new Invalid(doc.problemAt("", false, "a config file is a YAML mapping (failOn, failOnControls, parameters)")
          .describe());
    }
    for (var it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!CONFIG_KEYS.contains(key)) {
        throw new Invalid(doc.problemAt("/" + key, true, "unknown key '" + key
            + "' (known: failOn, failOnControls, parameters)").describe());
      }
    }
    if (root.has("failOn")) {
      try {
        setFailOn(root.get("failOn").asText(), "failOn");
      } catch (Invalid e) {
        throw new Invalid(doc.problemAt("/failOn", false, e.getMessage()).describe());
      }
    }
    JsonNode controls = root.path("failOnControls");
    if (!controls.isMissingNode() && !controls.isArray()) {
      throw new Invalid(doc.problemAt("/failOnControls", false, "failOnControls is a list of control ids").describe());
    }
    for (int i = 0; i < controls.size(); i++) {
      String at = LocatedYaml.child("/failOnControls", i);
      RuleProblem place = doc.problemAt(at, false, "");
      addGatedControl(controls.get(i).asText(),
          place.file() + ":" + place.line() + ":" + place.column() + ": failOnControls[" + i + "]");
    }
    JsonNode parameters = root.path("parameters");
    if (!parameters.isMissingNode() && !parameters.isObject()) {
      throw new Invalid(doc.problemAt("/parameters", false, "parameters maps rule ids to their parameter values")
          .describe());
    }
    var rules = parameters.fields();
    while (rules.hasNext()) {
      var rule = rules.next();
      String ruleAt = LocatedYaml.child("/parameters", rule.getKey());
      if (!rule.getValue().isObject()) {
        throw new Invalid(doc.problemAt(ruleAt, false, "parameters." + rule.getKey()
            + " maps parameter names to values").describe());
      }
      var values = rule.getValue().fields();
      while (values.hasNext()) {
        var value = values.next();
        String valueAt = LocatedYaml.child(ruleAt, value.getKey());
        Parameter parameter;
        try {
          parameter = parameter(pack, rule.getKey(), value.getKey(), "parameters");
        } catch (Invalid e) {
          throw new Invalid(doc.problemAt(valueAt, true, e.getMessage()).describe());
        }
        String mismatch = parameter.type().mismatch(value.getValue());
        if (mismatch != null) {
          throw new Invalid(doc.problemAt(valueAt, false, "parameters." + rule.getKey() + "." + value.getKey()
              + " " + mismatch).describe());
        }
        put(pack, rule.getKey(), value.getKey(), value.getValue());
      }
    }
  }

  /** A control to gate on, with where it was asked for (for the message if it is no good). */
  void addGatedControl(String id, String where) {
    failOnControls.putIfAbsent(id, where);
  }

  void setFailOn(String text, String where) throws Invalid {
    if (text.equalsIgnoreCase("none")) {
      failOn = null;
      return;
    }
    failOn = Severity.parse(text).orElseThrow(() -> new Invalid(where + ": '" + text
        + "' is not a severity (critical, high, medium, low, info, none)"));
  }

  /** Applies {@code ruleId.name=value} overrides from --param. */
  void applyParams(List<String> assignments, RulePack pack) throws Invalid {
    for (String assignment : assignments) {
      int equals = assignment.indexOf('=');
      int dot = assignment.lastIndexOf('.', equals < 0 ? assignment.length() : equals);
      if (equals < 0 || dot < 0) {
        throw new Invalid("--param " + assignment + ": expected ruleId.name=value");
      }
      String ruleId = assignment.substring(0, dot);
      String name = assignment.substring(dot + 1, equals);
      Parameter parameter = parameter(pack, ruleId, name, "--param " + assignment);
      try {
        put(pack, ruleId, name, parameter.type().fromText(assignment.substring(equals + 1)));
      } catch (IllegalArgumentException e) {
        throw new Invalid("--param " + assignment + ": not a valid " + parameter.type().label());
      }
    }
  }

  /**
   * Canonical control ids to gate on. An unknown control is a usage error, and so is a control
   * that no rule in the pack maps to: the gate could never fail on it, which is not what someone
   * gating a pipeline on it expects.
   */
  Set<String> gatedControls(RulePack pack) throws Invalid {
    Set<String> ids = new LinkedHashSet<>();
    for (Map.Entry<String, String> gated : failOnControls.entrySet()) {
      String id = gated.getKey();
      String where = gated.getValue();
      Control control = pack.catalog().find(id).orElseThrow(() -> new Invalid(where + " " + id
          + ": no such control in the catalog (e.g. hipaa:164.312(e)(1), hitrust:09.m)"));
      if (!mapped(pack, control.id())) {
        List<String> specifications = pack.catalog().controls().stream()
            .filter(c -> control.id().equals(c.parent()) && mapped(pack, c.id())).map(Control::id).toList();
        throw new Invalid(where + " " + id + ": no rule maps to " + control.id() + " (coverage "
            + control.coverage().label() + "), so it could never fail the gate"
            + (specifications.isEmpty() ? "" : "; rules map to its implementation specifications "
                + String.join(", ", specifications)));
      }
      ids.add(control.id());
    }
    return ids;
  }

  private static boolean mapped(RulePack pack, String controlId) {
    return pack.rules().stream().anyMatch(rule -> rule.controls().contains(controlId));
  }

  private static Parameter parameter(RulePack pack, String ruleId, String name, String where) throws Invalid {
    Rule rule = pack.rule(ruleId).orElseThrow(() -> new Invalid(where + ": no rule " + ruleId));
    Parameter parameter = rule.parameters().get(name);
    if (parameter == null) {
      List<String> known = new ArrayList<>(rule.parameters().keySet());
      throw new Invalid(where + ": rule " + rule.id() + " has no parameter '" + name + "'"
          + (known.isEmpty() ? "" : " (it has: " + String.join(", ", known) + ")"));
    }
    return parameter;
  }

  private void put(RulePack pack, String ruleId, String name, JsonNode value) {
    String id = pack.rule(ruleId).map(Rule::id).orElse(ruleId);
    parameters.computeIfAbsent(id, k -> new HashMap<>()).put(name, value);
  }
}
