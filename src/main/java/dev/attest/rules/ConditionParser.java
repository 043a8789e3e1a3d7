package dev.attest.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attest.rules.Condition.AllOf;
import dev.attest.rules.Condition.AnyOf;
import dev.attest.rules.Condition.ArrayCount;
import dev.attest.rules.Condition.Compute;
import dev.attest.rules.Condition.Field;
import dev.attest.rules.Condition.Not;
import dev.attest.rules.Condition.Operand;
import dev.attest.rules.Condition.RelatedCount;
import dev.attest.rules.Condition.Test;
import dev.attest.rules.Condition.Value;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses and validates the condition language, collecting every problem with its place. */
final class ConditionParser {
  /** Domain functions the engine implements, by name. */
  static final Set<String> FUNCTIONS = Set.of("nsgInternetExposedPorts", "nsgInternetAllowRules",
      "referencedObjects", "collectedChildren");

  private final LocatedYaml doc;
  private final Map<String, Parameter> parameters;
  private final List<RuleProblem> problems;

  ConditionParser(LocatedYaml doc, Map<String, Parameter> parameters, List<RuleProblem> problems) {
    this.doc = doc;
    this.parameters = parameters;
    this.problems = problems;
  }

  Condition parse(JsonNode node, String at) {
    if (node == null || !node.isObject()) {
      problems.add(doc.problemAt(at, false, "a condition must be a mapping"));
      return null;
    }
    if (node.has("allOf") || node.has("anyOf")) {
      String key = node.has("allOf") ? "allOf" : "anyOf";
      onlyKeys(node, at, Set.of(key));
      JsonNode list = node.get(key);
      String listAt = LocatedYaml.child(at, key);
      if (!list.isArray() || list.isEmpty()) {
        problems.add(doc.problemAt(listAt, false, key + " takes a non-empty list of conditions"));
        return null;
      }
      List<Condition> parts = new ArrayList<>();
      boolean broken = false;
      for (int i = 0; i < list.size(); i++) {
        // Every part is parsed, so each bad one reports its own place; a part that did not parse
        // has its problem recorded already and leaves the list unusable.
        Condition part = parse(list.get(i), LocatedYaml.child(listAt, i));
        broken |= part == null;
        if (part != null) {
          parts.add(part);
        }
      }
      if (broken) {
        return null;
      }
      return key.equals("allOf") ? new AllOf(parts) : new AnyOf(parts);
    }
    if (node.has("not")) {
      onlyKeys(node, at, Set.of("not"));
      Condition inner = parse(node.get("not"), LocatedYaml.child(at, "not"));
      return inner == null ? null : new Not(inner);
    }
    return parseTest(node, at);
  }

  private Condition parseTest(JsonNode node, String at) {
    Operand operand;
    Set<String> allowed;
    if (node.has("field")) {
      operand = new Field(path(node.get("field"), LocatedYaml.child(at, "field")));
      allowed = Set.of("field", "ifMissing");
    } else if (node.has("value")) {
      checkParameterRefs(node.get("value"), LocatedYaml.child(at, "value"));
      operand = new Value(node.get("value"));
      allowed = Set.of("value");
    } else if (node.has("count")) {
      operand = parseCount(node.get("count"), LocatedYaml.child(at, "count"));
      allowed = Set.of("count");
    } else if (node.has("compute")) {
      JsonNode fn = node.get("compute");
      if (!fn.isTextual() || !FUNCTIONS.contains(fn.asText())) {
        problems.add(doc.problemAt(LocatedYaml.child(at, "compute"), false,
            "unknown compute function " + fn + "; known: " + String.join(", ", FUNCTIONS.stream().sorted().toList())));
      }
      JsonNode args = node.get("args");
      if (args != null) {
        checkParameterRefs(args, LocatedYaml.child(at, "args"));
      }
      operand = new Compute(fn.asText(), args);
      allowed = Set.of("compute", "args");
    } else {
      problems.add(doc.problemAt(at, false,
          "a condition needs one of allOf, anyOf, not, field, value, count or compute"));
      return null;
    }
    Operator operator = null;
    JsonNode argument = null;
    String operatorAt = at;
    boolean unknown = false;
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (allowed.contains(name)) {
        continue;
      }
      var op = Operator.fromYaml(name);
      if (op.isEmpty()) {
        unknown = true;
        problems.add(doc.problemAt(LocatedYaml.child(at, name), true, "unknown key or operator '" + name + "'"));
      } else if (operator != null) {
        problems.add(doc.problemAt(LocatedYaml.child(at, name), true,
            "a condition takes exactly one operator; '" + operator.yamlName() + "' is already given"));
      } else {
        operator = op.get();
        argument = node.get(name);
        operatorAt = LocatedYaml.child(at, name);
      }
    }
    if (operator == null) {
      if (!unknown) {
        problems.add(doc.problemAt(at, false, "the condition has no operator (equals, in, exists, …)"));
      }
      return null;
    }
    checkArgument(operator, argument, operatorAt);
    JsonNode ifMissing = node.get("ifMissing");
    return new Test(operand, operator, argument, ifMissing, doc.file() + ":" + operatorAt);
  }

  private Operand parseCount(JsonNode count, String at) {
    if (count == null || !count.isObject()) {
      problems.add(doc.problemAt(at, false, "count takes a mapping with field or related"));
      return null;
    }
    Condition where = null;
    if (count.has("where")) {
      where = parse(count.get("where"), LocatedYaml.child(at, "where"));
    }
    if (count.has("field")) {
      onlyKeys(count, at, Set.of("field", "where"));
      FieldPath path = path(count.get("field"), LocatedYaml.child(at, "field"));
      if (path != null && !path.segments().get(path.segments().size() - 1).wildcard()) {
        problems.add(doc.problemAt(LocatedYaml.child(at, "field"), false,
            "count.field must end in [*] (the array to count)"));
      }
      return new ArrayCount(path, where);
    }
    if (count.has("related")) {
      onlyKeys(count, at, Set.of("related", "type", "where"));
      JsonNode related = count.get("related");
      var relation = related.isTextual() ? Relation.fromYaml(related.asText()) : java.util.Optional.<Relation>empty();
      if (relation.isEmpty()) {
        problems.add(doc.problemAt(LocatedYaml.child(at, "related"), false,
            "unknown relation " + related + "; known: children, descendants, extensions, referrers, references, parent, scope"));
        return null;
      }
      JsonNode type = count.get("type");
      if (type != null && !type.isTextual()) {
        problems.add(doc.problemAt(LocatedYaml.child(at, "type"), false, "type must be an ARM type string"));
      }
      return new RelatedCount(relation.get(), type == null ? null : type.asText(), where);
    }
    problems.add(doc.problemAt(at, false, "count needs field (an array path ending in [*]) or related"));
    return null;
  }

  private FieldPath path(JsonNode node, String at) {
    if (node == null || !node.isTextual()) {
      problems.add(doc.problemAt(at, false, "a field path must be a string"));
      return null;
    }
    try {
      return FieldPath.parse(node.asText());
    } catch (IllegalArgumentException e) {
      problems.add(doc.problemAt(at, false, e.getMessage()));
      return null;
    }
  }

  private void checkArgument(Operator operator, JsonNode argument, String at) {
    checkParameterRefs(argument, at);
    if (ParameterRef.name(argument) != null) {
      return;
    }
    String problem = switch (operator) {
      case EXISTS, INTERNET_SOURCE -> argument.isBoolean() ? null : operator.yamlName() + " takes true or false";
      case IN, NOT_IN, ROLE_IN -> argument.isArray() ? null : operator.yamlName() + " takes a list";
      case VERSION_AT_LEAST, VERSION_BELOW -> argument.isTextual() ? null
          : operator.yamlName() + " takes a quoted version string (YAML reads " + argument + " as a number)";
      case LIKE, NOT_LIKE, MATCH, NOT_MATCH -> argument.isTextual() ? null : operator.yamlName() + " takes a string";
      case CONTAINS_KEY, NOT_CONTAINS_KEY -> argument.isTextual() ? null : operator.yamlName() + " takes a key name";
      case LESS, LESS_OR_EQUALS, GREATER, GREATER_OR_EQUALS ->
          argument.isNumber() || argument.isTextual() ? null : operator.yamlName() + " takes a number or a string";
      case PORTS_OVERLAP, PORTS_INCLUDE -> argument.isArray() || argument.isTextual() || argument.isNumber() ? null
          : operator.yamlName() + " takes a port, a range or a list of them";
      case PUBLIC_ADDRESSES_AT_LEAST -> argument.isIntegralNumber() && argument.asLong() >= 0 ? null
          : operator.yamlName() + " takes a whole number of addresses";
      default -> argument == null ? operator.yamlName() + " needs a value" : null;
    };
    if (problem == null && operator == Operator.ROLE_IN) {
      for (JsonNode role : argument) {
        if (!role.isTextual() || WellKnownRoles.guid(role.asText()) == null) {
          problem = "unknown role " + role + " (use a built-in role name or a role definition GUID)";
        }
      }
    }
    if (problem != null) {
      problems.add(doc.problemAt(at, false, problem));
    }
  }

  private void checkParameterRefs(JsonNode node, String at) {
    if (node == null) {
      return;
    }
    String name = ParameterRef.name(node);
    if (name != null && !parameters.containsKey(name)) {
      problems.add(doc.problemAt(at, false, "unknown parameter '" + name + "'"));
    }
    if (node.isContainerNode()) {
      int index = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        checkParameterRefs(e.getValue(), LocatedYaml.child(at, e.getKey()));
      }
      if (node.isArray()) {
        for (JsonNode element : node) {
          checkParameterRefs(element, LocatedYaml.child(at, index++));
        }
      }
    }
  }

  private void onlyKeys(JsonNode node, String at, Set<String> allowed) {
    node.fieldNames().forEachRemaining(name -> {
      if (!allowed.contains(name)) {
        problems.add(doc.problemAt(LocatedYaml.child(at, name), true,
            "unexpected key '" + name + "' here (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")"));
      }
    });
  }
}
