package dev.attest.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attest.inventory.ArmObject;
import dev.attest.inventory.Inventory;
import dev.attest.rules.Parameter;
import dev.attest.rules.Rule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Evaluates rules over an inventory: one finding per (rule, resource of the rule's type). Pure
 * and deterministic: the same inventory and rules give the same findings in the same order.
 */
public final class Engine {
  private static final String SUBSCRIPTION_TYPE = "Microsoft.Resources/subscriptions";
  private final Map<String, Map<String, JsonNode>> overrides;

  /** @param overrides parameter values by rule id, then parameter name (from --param and config) */
  public Engine(Map<String, Map<String, JsonNode>> overrides) {
    this.overrides = Map.copyOf(overrides);
  }

  /** The order of the findings file: rule id, then resource id compared case-insensitively. */
  private static final Comparator<Finding> FILE_ORDER = Comparator.comparing(Finding::ruleId)
      .thenComparing(f -> f.resourceId().toLowerCase(Locale.ROOT));

  public List<Finding> evaluate(List<Rule> rules, Inventory inventory) {
    List<Finding> findings = rules.parallelStream()
        .flatMap(rule -> inventory.ofType(rule.resourceType()).stream().map(object -> evaluate(rule, object, inventory)))
        .collect(Collectors.toCollection(ArrayList::new));
    findings.addAll(missingSubscriptions(rules, inventory));
    findings.sort(FILE_ORDER);
    return findings;
  }

  /**
   * The same findings in the same order as {@link #evaluate(List, Inventory)}, handed over one rule
   * at a time (rules in id order, each rule's findings sorted), so only one rule's findings are
   * held at once. A rule's resources are evaluated on every core.
   */
  public void evaluateByRule(List<Rule> rules, Inventory inventory, Consumer<List<Finding>> perRule) {
    List<Rule> ordered = new ArrayList<>(rules);
    ordered.sort(Comparator.comparing(Rule::id));
    for (Rule rule : ordered) {
      List<Finding> findings = inventory.ofType(rule.resourceType()).parallelStream()
          .map(object -> evaluate(rule, object, inventory))
          .collect(Collectors.toCollection(ArrayList::new));
      findings.addAll(missingSubscriptions(List.of(rule), inventory));
      findings.sort(FILE_ORDER);
      perRule.accept(findings);
    }
  }

  /**
   * Fail closed for subscription-level rules: a subscription whose resources were read but whose
   * own object (and so its role assignments, activity-log settings…) was not, is an ERROR, never
   * silently skipped.
   */
  private List<Finding> missingSubscriptions(List<Rule> rules, Inventory inventory) {
    List<Finding> errors = new ArrayList<>();
    for (Rule rule : rules) {
      if (!rule.resourceType().equalsIgnoreCase(SUBSCRIPTION_TYPE)) {
        continue;
      }
      for (String subscription : inventory.subscriptionIds()) {
        String id = "/subscriptions/" + subscription;
        if (inventory.get(id) == null) {
          errors.add(new Finding(findingId(rule.id(), id), rule.id(), rule.title(), id, subscription,
              SUBSCRIPTION_TYPE, subscription, Status.ERROR, rule.severity().label(), rule.area(), rule.controls(),
              "Subscription " + subscription + " could not be evaluated against '" + rule.title()
                  + "': its resources were read but the subscription object was not in the input.",
              List.of()));
        }
      }
    }
    return errors;
  }

  /** The values a rule runs with: defaults, then overrides. */
  public Map<String, JsonNode> parametersOf(Rule rule) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    for (Parameter parameter : rule.parameters().values()) {
      values.put(parameter.name(), parameter.defaultValue());
    }
    values.putAll(overrides.getOrDefault(rule.id(), Map.of()));
    return values;
  }

  public Finding evaluate(Rule rule, ArmObject object, Inventory inventory) {
    Evaluator evaluator = new Evaluator(inventory, parametersOf(rule));
    Status status;
    String detail;
    try {
      if (rule.where() != null && !evaluator.evaluate(rule.where(), object)) {
        status = Status.NOT_APPLICABLE;
        detail = "not in scope of this rule";
      } else if (evaluator.evaluate(rule.assertion(), object)) {
        status = Status.PASS;
        detail = "meets";
      } else {
        status = Status.FAIL;
        detail = "does not meet";
      }
    } catch (EvaluationError | ArithmeticException e) {
      status = Status.ERROR;
      detail = "could not be evaluated (" + e.getMessage() + ") against";
    }
    List<Evidence> evidence = evaluator.evidence();
    return new Finding(findingId(rule.id(), object.id()), rule.id(), rule.title(), object.id(), object.name(),
        object.type(), object.subscriptionId(), status, rule.severity().label(), rule.area(), rule.controls(),
        message(rule, object, status, detail, evidence), evidence);
  }

  /** Stable across runs and quarters: the rule id and the normalised resource id. */
  public static String findingId(String ruleId, String resourceId) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] hash = digest.digest((ruleId + "|" + resourceId.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
      return ruleId + "-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String message(Rule rule, ArmObject object, Status status, String detail, List<Evidence> evidence) {
    String where = object.subscriptionId().isEmpty() ? "" : " in subscription " + object.subscriptionId();
    StringBuilder text = new StringBuilder();
    text.append(typeLabel(object.type())).append(" '").append(object.name()).append("'").append(where).append(' ');
    if (status == Status.NOT_APPLICABLE) {
      text.append("is not in scope of '").append(rule.title()).append("'.");
      return text.toString();
    }
    text.append(detail).append(" '").append(rule.title()).append("'");
    List<Evidence> decisive = evidence.stream().filter(e -> status == Status.PASS ? e.held() : !e.held())
        .limit(3).toList();
    if (status != Status.ERROR && !decisive.isEmpty()) {
      text.append(": ").append(decisive.stream().map(Evidence::describe).collect(Collectors.joining("; ")));
    }
    return text.append('.').toString();
  }

  private static String typeLabel(String type) {
    String last = type.substring(type.lastIndexOf('/') + 1);
    return last.isEmpty() ? type : last;
  }
}
