package dev.attest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.attest.rules.Parameter;
import dev.attest.rules.Rule;
import dev.attest.rules.RulePack;
import dev.attest.rules.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
  final Set<String> failOnControls = new LinkedHashSet<>();
  final Map<String, Map<String, JsonNode>> parameters = new HashMap<>();

  /** Thrown for a bad setting; the message is the one line users see. */
  static final class Invalid extends Exception {
    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  void readConfig(Path file, RulePack pack) throws Invalid {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new Invalid(file + ": cannot be read as YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new Invalid(file + ": a config file is a YAML mapping (failOn, failOnControls, parameters)");
    }
    for (var it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!CONFIG_KEYS.contains(key)) {
        throw new Invalid(file + ": unknown key '" + key + "' (known: failOn, failOnControls, parameters)");
      }
    }
    if (root.has("failOn")) {
      setFailOn(root.get("failOn").asText(), file + ": failOn");
    }
    for (JsonNode control : root.path("failOnControls")) {
      failOnControls.add(control.asText());
    }
    var rules = root.path("parameters").fields();
    while (rules.hasNext()) {
      var rule = rules.next();
      var values = rule.getValue().fields();
      while (values.hasNext()) {
        var value = values.next();
        Parameter parameter = parameter(pack, rule.getKey(), value.getKey(), file + ": parameters");
        String mismatch = parameter.type().mismatch(value.getValue());
        if (mismatch != null) {
          throw new Invalid(file + ": parameters." + rule.getKey() + "." + value.getKey() + " " + mismatch);
        }
        put(pack, rule.getKey(), value.getKey(), value.getValue());
      }
    }
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

  /** Canonical control ids for --fail-on-control, rejecting unknown ones. */
  Set<String> gatedControls(RulePack pack) throws Invalid {
    Set<String> ids = new LinkedHashSet<>();
    for (String id : failOnControls) {
      ids.add(pack.catalog().find(id).orElseThrow(() -> new Invalid("--fail-on-control " + id
          + ": no such control in the catalog (e.g. hipaa:164.312(e)(1), hitrust:09.m)")).id());
    }
    return ids;
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
