package dev.attest.engine;

import dev.attest.inventory.FieldTree;
import dev.attest.inventory.Retention;
import dev.attest.rules.Condition;
import dev.attest.rules.FieldPath;
import dev.attest.rules.Relation;
import dev.attest.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the engine will read when it evaluates a set of rules, as a {@link Retention} for the
 * inventory: every field path a condition tests, on the type it is tested on (a related count's
 * conditions test the related type, or any type when the count names none), the element names a
 * count lists as evidence, what the domain functions read, and the types whose references a
 * {@code referrers} or {@code references} count follows.
 */
public final class ReadPlan {
  private final Retention.Builder retention = Retention.builder();

  private ReadPlan() {}

  public static Retention of(List<Rule> rules) {
    return builder(rules).build();
  }

  /** The plan, open for more (what a redactor needs beside the kept values). */
  public static Retention.Builder builder(List<Rule> rules) {
    ReadPlan plan = new ReadPlan();
    for (Rule rule : rules) {
      String subject = rule.resourceType().toLowerCase(Locale.ROOT);
      plan.walk(rule.where(), subject);
      plan.walk(rule.assertion(), subject);
    }
    return plan.retention;
  }

  private void walk(Condition condition, String subject) {
    Condition.forEachTest(condition, test -> operand(test.operand(), subject));
  }

  private void operand(Condition.Operand operand, String subject) {
    if (operand instanceof Condition.Field field) {
      keep(subject, field.path());
    } else if (operand instanceof Condition.ArrayCount count) {
      // Every element is kept so that it is counted; its name is what the evidence lists it by.
      List<String> elementName = new ArrayList<>(segments(count.array()));
      elementName.add("name");
      keep(subject, elementName);
      walk(count.where(), subject);
    } else if (operand instanceof Condition.RelatedCount related) {
      String type = related.type() == null ? Retention.ANY_TYPE : related.type().toLowerCase(Locale.ROOT);
      if (related.relation() == Relation.REFERRERS) {
        retention.followReferences(type);
      } else if (related.relation() == Relation.REFERENCES) {
        retention.followReferences(subject);
      }
      walk(related.where(), type);
    } else if (operand instanceof Condition.Compute compute) {
      NetworkFunctions.reads(compute.function(), compute.args()).forEach(read -> {
        String type = read.type() == null ? subject : read.type().toLowerCase(Locale.ROOT);
        if (read.path() == null) {
          keep(type, List.of());
        } else {
          keep(type, FieldPath.parse(read.path()));
        }
      });
    }
  }

  private void keep(String type, FieldPath path) {
    keep(type, segments(path));
  }

  private void keep(String type, List<String> segments) {
    retention.keep(type, segments);
  }

  private static List<String> segments(FieldPath path) {
    // An array's elements are kept with the array: FieldPath spells "[*]" as a wildcard segment.
    return path.segments().stream().map(s -> s.wildcard() ? FieldTree.ELEMENTS : s.name()).toList();
  }
}
