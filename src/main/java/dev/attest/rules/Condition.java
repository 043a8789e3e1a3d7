package dev.attest.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The condition language: Azure Policy's policy-rule grammar plus related objects and domain functions. */
public sealed interface Condition {

  /**
   * Calls {@code action} on every test under {@code condition} (through allOf, anyOf and not, but
   * not into a count's {@code where}: the action decides whether and how to go there).
   */
  static void forEachTest(Condition condition, java.util.function.Consumer<Test> action) {
    if (condition instanceof AllOf all) {
      all.parts().forEach(part -> forEachTest(part, action));
    } else if (condition instanceof AnyOf any) {
      any.parts().forEach(part -> forEachTest(part, action));
    } else if (condition instanceof Not not) {
      forEachTest(not.inner(), action);
    } else if (condition instanceof Test test) {
      action.accept(test);
    }
  }

  /** True when every part is true. */
  record AllOf(List<Condition> parts) implements Condition {
    public AllOf {
      parts = List.copyOf(parts);
    }
  }

  /** True when any part is true. */
  record AnyOf(List<Condition> parts) implements Condition {
    public AnyOf {
      parts = List.copyOf(parts);
    }
  }

  /** Negation. */
  record Not(Condition inner) implements Condition {}

  /**
   * One comparison: an operand, an operator and its argument; {@code ifMissing} stands in for an
   * absent field (the API's documented default), {@code place} is where the test was written.
   */
  record Test(Operand operand, Operator operator, JsonNode argument, JsonNode ifMissing, String place)
      implements Condition {}

  /** What a test compares. */
  sealed interface Operand {}

  /** A path into the subject object. */
  record Field(FieldPath path) implements Operand {}

  /** A literal, possibly a parameter reference. */
  record Value(JsonNode value) implements Operand {}

  /** The number of array elements, optionally those satisfying {@code where}. */
  record ArrayCount(FieldPath array, Condition where) implements Operand {}

  /** The number of related objects of a type, optionally those satisfying {@code where}. */
  record RelatedCount(Relation relation, String type, Condition where) implements Operand {}

  /** A named domain function over the subject object. */
  record Compute(String function, JsonNode args) implements Operand {}
}
