package dev.attest.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attest.rules.Condition;
import dev.attest.rules.ParameterRef;
import dev.attest.rules.Rule;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A rule with its parameter values substituted into every test once, so that evaluating it on a
 * hundred thousand resources does not redo the substitution (and the text of what each test
 * expects) for each of them. Immutable after construction, shared by the threads evaluating it.
 */
final class BoundRule {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A test's argument and literal operands with parameters substituted; {@code error} when one has no value. */
  record BoundTest(JsonNode argument, JsonNode value, JsonNode computeArgs, String expected, String error) {}

  private final Rule rule;
  private final Map<String, JsonNode> parameters;
  private final Map<Condition.Test, BoundTest> tests = new IdentityHashMap<>();

  BoundRule(Rule rule, Map<String, JsonNode> parameters) {
    this.rule = rule;
    this.parameters = Map.copyOf(parameters);
    bind(rule.where());
    bind(rule.assertion());
  }

  Rule rule() {
    return rule;
  }

  /** The substituted parts of a test of this rule; throws what substitution found missing. */
  BoundTest test(Condition.Test test) {
    BoundTest bound = tests.get(test);
    if (bound == null) {
      throw new IllegalStateException("test at " + test.place() + " is not part of rule " + rule.id());
    }
    if (bound.error() != null) {
      throw new EvaluationError(bound.error());
    }
    return bound;
  }

  private void bind(Condition condition) {
    Condition.forEachTest(condition, test -> {
      tests.put(test, boundTest(test));
      if (test.operand() instanceof Condition.ArrayCount count) {
        bind(count.where());
      } else if (test.operand() instanceof Condition.RelatedCount count) {
        bind(count.where());
      }
    });
  }

  private BoundTest boundTest(Condition.Test test) {
    try {
      JsonNode argument = substitute(test.argument());
      JsonNode value = test.operand() instanceof Condition.Value literal ? substitute(literal.value()) : null;
      JsonNode args = test.operand() instanceof Condition.Compute compute ? substitute(compute.args()) : null;
      String expected = test.operator().yamlName() + " " + Values.render(argument);
      return new BoundTest(argument, value, args, expected, null);
    } catch (EvaluationError e) {
      return new BoundTest(null, null, null, null, e.getMessage());
    }
  }

  private JsonNode substitute(JsonNode node) {
    if (node == null) {
      return null;
    }
    String name = ParameterRef.name(node);
    if (name != null) {
      JsonNode value = parameters.get(name);
      if (value == null) {
        throw new EvaluationError("parameter '" + name + "' has no value");
      }
      return value;
    }
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      node.forEach(element -> copy.add(substitute(element)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = NODES.objectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), substitute(e.getValue())));
      return copy;
    }
    return node;
  }
}
