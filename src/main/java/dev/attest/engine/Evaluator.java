package dev.attest.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.attest.inventory.ArmObject;
import dev.attest.inventory.Inventory;
import dev.attest.rules.Condition;
import dev.attest.rules.Condition.AllOf;
import dev.attest.rules.Condition.AnyOf;
import dev.attest.rules.Condition.ArrayCount;
import dev.attest.rules.Condition.Compute;
import dev.attest.rules.Condition.Field;
import dev.attest.rules.Condition.Not;
import dev.attest.rules.Condition.RelatedCount;
import dev.attest.rules.Condition.Test;
import dev.attest.rules.Condition.Value;
import dev.attest.rules.FieldPath;
import dev.attest.rules.Operator;
import dev.attest.rules.WellKnownRoles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates one condition on one subject object, recording the evidence it read. Pure: it reads
 * the inventory and never changes anything. One instance per (rule, resource) evaluation.
 */
final class Evaluator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_LISTED = 10;

  private final Inventory inventory;
  private final BoundRule rule;
  private final List<Evidence> evidence = new ArrayList<>();
  /** Evidence is recorded for the subject's own tests, not for each element inside a count. */
  private int nested;

  Evaluator(Inventory inventory, BoundRule rule) {
    this.inventory = inventory;
    this.rule = rule;
  }

  List<Evidence> evidence() {
    return evidence;
  }

  boolean evaluate(Condition condition, ArmObject subject) {
    return eval(condition, new Scope(subject, List.of()), false);
  }

  /** The subject and the array elements that enclosing counts have bound. */
  private record Scope(ArmObject subject, List<Binding> bindings) {
    Scope bind(Binding binding) {
      List<Binding> more = new ArrayList<>(bindings);
      more.add(binding);
      return new Scope(subject, more);
    }
  }

  private record Binding(FieldPath array, JsonNode element, String concretePath) {}

  /** A value found at a concrete path (null value: absent). */
  private record Found(String path, JsonNode value) {}

  private boolean eval(Condition condition, Scope scope, boolean negated) {
    if (condition instanceof AllOf all) {
      for (Condition part : all.parts()) {
        if (!eval(part, scope, negated)) {
          return false;
        }
      }
      return true;
    }
    if (condition instanceof AnyOf any) {
      for (Condition part : any.parts()) {
        if (eval(part, scope, negated)) {
          return true;
        }
      }
      return false;
    }
    if (condition instanceof Not not) {
      return !eval(not.inner(), scope, !negated);
    }
    return test((Test) condition, scope, negated);
  }

  private boolean test(Test test, Scope scope, boolean negated) {
    BoundRule.BoundTest bound = rule.test(test);
    JsonNode argument = bound.argument();
    String expected = bound.expected();
    if (test.operand() instanceof Field field) {
      return testField(field.path(), test, argument, expected, scope, negated);
    }
    if (test.operand() instanceof Value value) {
      JsonNode observed = bound.value();
      boolean result = apply(test.operator(), observed, argument);
      record("value " + Values.render(value.value()), observed, null, expected, result != negated);
      return result;
    }
    if (test.operand() instanceof ArrayCount count) {
      List<String> matched = new ArrayList<>();
      int n = countArray(count, scope, matched);
      boolean result = apply(test.operator(), NODES.numberNode(n), argument);
      String what = "count(" + count.array() + (count.where() == null ? "" : " where …") + ")";
      record(what, NODES.numberNode(n), listed("matched", matched), expected, result != negated);
      return result;
    }
    if (test.operand() instanceof RelatedCount count) {
      List<String> examined = new ArrayList<>();
      List<String> matched = new ArrayList<>();
      int n = countRelated(count, scope, examined, matched);
      boolean result = apply(test.operator(), NODES.numberNode(n), argument);
      String what = "count(" + count.relation().yamlName() + (count.type() == null ? "" : " " + count.type())
          + (count.where() == null ? "" : " where …") + ")";
      String note = matched.isEmpty() ? listed("examined", examined) : listed("matched", matched);
      record(what, NODES.numberNode(n), note, expected, result != negated);
      return result;
    }
    Compute compute = (Compute) test.operand();
    NetworkFunctions.Result computed = NetworkFunctions.compute(compute.function(), scope.subject(),
        bound.computeArgs(), inventory);
    boolean result = apply(test.operator(), computed.value(), argument);
    record(compute.function() + "()", computed.value(), computed.explanation(), expected, result != negated);
    return result;
  }

  private boolean testField(FieldPath path, Test test, JsonNode argument, String expected, Scope scope,
      boolean negated) {
    List<Found> found = new ArrayList<>();
    boolean multi = resolve(path, scope, found);
    if (!multi) {
      Found single = found.get(0);
      JsonNode value = single.value();
      String note = null;
      if (Values.absent(value) && test.ifMissing() != null) {
        value = test.ifMissing();
        note = "absent; the API default " + Values.render(value) + " applies";
      }
      boolean result = apply(test.operator(), value, argument);
      record(single.path(), Values.absent(value) ? null : value, note, expected, result != negated);
      return result;
    }
    // Azure Policy: a [*] path outside count holds only when every element satisfies it.
    boolean all = true;
    ArrayNode observed = NODES.arrayNode();
    for (Found element : found) {
      JsonNode value = element.value();
      if (Values.absent(value) && test.ifMissing() != null) {
        value = test.ifMissing();
      }
      observed.add(Values.absent(value) ? NODES.nullNode() : value);
      if (!apply(test.operator(), value, argument)) {
        all = false;
      }
    }
    record(path.text(), observed, found.isEmpty() ? "no elements" : "every element", expected, all != negated);
    return all;
  }

  /** Resolves a path against the subject and bound elements; true when it fans out over arrays. */
  private boolean resolve(FieldPath path, Scope scope, List<Found> out) {
    Binding base = null;
    for (Binding binding : scope.bindings()) {
      if (path.startsWith(binding.array()) && (base == null
          || binding.array().segments().size() > base.array().segments().size())) {
        base = binding;
      }
    }
    List<FieldPath.Segment> segments = path.segments();
    int start = base == null ? 0 : base.array().segments().size();
    JsonNode node = base == null ? scope.subject().body() : base.element();
    String prefix = base == null ? "" : base.concretePath();
    boolean multi = false;
    for (int i = start; i < segments.size(); i++) {
      multi |= segments.get(i).wildcard();
    }
    walk(node, segments, start, prefix, out);
    return multi;
  }

  private void walk(JsonNode node, List<FieldPath.Segment> segments, int index, String path, List<Found> out) {
    if (index == segments.size()) {
      out.add(new Found(path.isEmpty() ? "." : path, node));
      return;
    }
    FieldPath.Segment segment = segments.get(index);
    if (segment.wildcard()) {
      if (node != null && node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          walk(node.get(i), segments, index + 1, path + "[" + i + "]", out);
        }
      }
      return;
    }
    JsonNode next = node != null && node.isObject() ? Values.field(node, segment.name()) : null;
    walk(next, segments, index + 1, path.isEmpty() ? segment.name() : path + "." + segment.name(), out);
  }

  private int countArray(ArrayCount count, Scope scope, List<String> matched) {
    FieldPath array = count.array();
    List<FieldPath.Segment> withoutLast = array.segments().subList(0, array.segments().size() - 1);
    List<Found> elements = new ArrayList<>();
    FieldPath container = new FieldPath(array.text(), withoutLast);
    resolve(container, scope, elements);
    int n = 0;
    nested++;
    try {
      for (Found container1 : elements) {
        JsonNode list = container1.value();
        if (list == null || !list.isArray()) {
          continue;
        }
        for (int i = 0; i < list.size(); i++) {
          JsonNode element = list.get(i);
          String concrete = container1.path() + "[" + i + "]";
          boolean ok = count.where() == null
              || eval(count.where(), scope.bind(new Binding(array, element, concrete)), false);
          if (ok) {
            n++;
            matched.add(elementLabel(element, concrete));
          }
        }
      }
    } finally {
      nested--;
    }
    return n;
  }

  private int countRelated(RelatedCount count, Scope scope, List<String> examined, List<String> matched) {
    int n = 0;
    nested++;
    try {
      for (ArmObject related : related(count, scope.subject())) {
        if (count.type() != null && !related.type().equalsIgnoreCase(count.type())) {
          continue;
        }
        examined.add(related.id());
        if (count.where() == null || eval(count.where(), new Scope(related, List.of()), false)) {
          n++;
          matched.add(related.id());
        }
      }
    } finally {
      nested--;
    }
    return n;
  }

  private List<ArmObject> related(RelatedCount count, ArmObject subject) {
    switch (count.relation()) {
      case CHILDREN: return inventory.children(subject, count.type());
      case DESCENDANTS: return inventory.descendants(subject);
      case EXTENSIONS: return inventory.extensions(subject, count.type());
      case REFERRERS: return inventory.referrers(subject);
      case REFERENCES: return inventory.references(subject);
      case PARENT: return single(inventory.parent(subject));
      case SCOPE: default: return single(inventory.scope(subject));
    }
  }

  private static List<ArmObject> single(ArmObject object) {
    return object == null ? List.of() : List.of(object);
  }

  private static String elementLabel(JsonNode element, String concrete) {
    JsonNode name = element != null && element.isObject() ? element.get("name") : null;
    return name != null && name.isTextual() ? name.asText() : concrete;
  }

  private static String listed(String label, List<String> items) {
    if (items.isEmpty()) {
      return null;
    }
    List<String> shown = items.size() > MAX_LISTED ? items.subList(0, MAX_LISTED) : items;
    String more = items.size() > MAX_LISTED ? " and " + (items.size() - MAX_LISTED) + " more" : "";
    return label + ": " + String.join(", ", shown) + more;
  }

  private void record(String path, JsonNode observed, String note, String expected, boolean held) {
    if (nested == 0) {
      evidence.add(new Evidence(path, observed, note, expected, held));
    }
  }

  /** Applies an operator; a missing value satisfies only the negative operators and exists:false. */
  static boolean apply(Operator operator, JsonNode value, JsonNode argument) {
    if (operator == Operator.EXISTS) {
      return !Values.absent(value) == argument.asBoolean();
    }
    if (operator == Operator.INTERNET_SOURCE) {
      return AddressPrefixes.includesInternet(value) == argument.asBoolean();
    }
    if (operator == Operator.VERSION_BELOW && Values.absent(value)) {
      return true;
    }
    if (Values.absent(value)) {
      return operator.trueWhenMissing();
    }
    return switch (operator) {
      case EQUALS -> Values.looseEquals(value, argument);
      case NOT_EQUALS -> !Values.looseEquals(value, argument);
      case IN -> inList(value, argument);
      case NOT_IN -> !inList(value, argument);
      case LIKE -> Values.like(value.asText(), argument.asText());
      case NOT_LIKE -> !Values.like(value.asText(), argument.asText());
      case MATCH -> Values.match(value.asText(), argument.asText());
      case NOT_MATCH -> !Values.match(value.asText(), argument.asText());
      case CONTAINS -> contains(value, argument);
      case NOT_CONTAINS -> !contains(value, argument);
      case CONTAINS_KEY -> value.isObject() && Values.field(value, argument.asText()) != null;
      case NOT_CONTAINS_KEY -> !(value.isObject() && Values.field(value, argument.asText()) != null);
      case LESS -> Values.compare(value, argument) < 0;
      case LESS_OR_EQUALS -> Values.compare(value, argument) <= 0;
      case GREATER -> Values.compare(value, argument) > 0;
      case GREATER_OR_EQUALS -> Values.compare(value, argument) >= 0;
      case VERSION_AT_LEAST -> TlsVersions.parse(value.asText()) >= requiredVersion(argument);
      case VERSION_BELOW -> TlsVersions.parse(value.asText()) < requiredVersion(argument);
      case PORTS_OVERLAP -> PortRanges.overlapsAny(PortRanges.of(value), PortRanges.of(argument));
      case PORTS_INCLUDE -> PortRanges.coversAll(PortRanges.of(value), PortRanges.of(argument));
      case ROLE_IN -> roleIn(value, argument);
      case PUBLIC_ADDRESSES_AT_LEAST -> IpRanges.publicAddresses(value) >= argument.asLong();
      case EXISTS, INTERNET_SOURCE -> throw new IllegalStateException("handled above");
    };
  }

  private static int requiredVersion(JsonNode argument) {
    int version = TlsVersions.parse(argument.asText());
    if (version == TlsVersions.NONE) {
      throw new EvaluationError("'" + argument.asText() + "' is not a TLS version");
    }
    return version;
  }

  private static boolean inList(JsonNode value, JsonNode list) {
    if (!list.isArray()) {
      throw new EvaluationError("in/notIn needs a list, got " + Values.render(list));
    }
    for (JsonNode candidate : list) {
      if (Values.looseEquals(value, candidate)) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(JsonNode value, JsonNode argument) {
    if (value.isArray()) {
      for (JsonNode element : value) {
        if (Values.looseEquals(element, argument)) {
          return true;
        }
      }
      return false;
    }
    if (value.isTextual()) {
      return value.asText().toLowerCase().contains(argument.asText().toLowerCase());
    }
    throw new EvaluationError("contains needs a string or an array, got " + Values.render(value));
  }

  private static boolean roleIn(JsonNode value, JsonNode roles) {
    Set<String> wanted = new HashSet<>();
    for (JsonNode role : roles) {
      String guid = WellKnownRoles.guid(role.asText());
      if (guid != null) {
        wanted.add(guid);
      }
    }
    return wanted.contains(WellKnownRoles.guidOfDefinition(value.asText()));
  }
}
