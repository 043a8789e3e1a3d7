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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

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

  /** Resources evaluated together: bounds the findings held while one type's rules run. */
  private static final int BATCH = 2048;

  /** Each thread's SHA-256 for finding ids: getting one per finding costs more than hashing. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  /** Every finding, in findings-file order (rule id, then resource id). */
  public List<Finding> evaluate(List<Rule> rules, Inventory inventory) {
    Map<String, List<Finding>> byRule = new java.util.TreeMap<>();
    evaluate(rules, inventory, (rule, findings) -> byRule.computeIfAbsent(rule.id(), k -> new ArrayList<>())
        .addAll(findings));
    List<Finding> all = new ArrayList<>();
    byRule.values().forEach(all::addAll);
    return all;
  }

  /**
   * Evaluates every rule, handing findings over a batch at a time as {@code (rule, batch)}: one
   * rule's batches come in findings-file order, and batches of different rules interleave. The
   * rules of one resource type are evaluated together, so each resource is decoded once for all
   * of them, its batch spread over every core; only a batch of findings is held at once.
   */
  public void evaluate(List<Rule> rules, Inventory inventory, BiConsumer<Rule, List<Finding>> out) {
    Map<String, List<BoundRule>> byType = new java.util.TreeMap<>();
    rules.stream().sorted(Comparator.comparing(Rule::id)).forEach(rule -> byType
        .computeIfAbsent(rule.resourceType().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(bind(rule)));
    byType.forEach((type, group) -> {
      List<ArmObject> objects = inventory.ofType(type);
      // Subscriptions gain the errors for those missing from the input, and ids that are not
      // key-shaped may sort apart from the inventory: such a type's findings are sorted whole.
      boolean whole = type.equalsIgnoreCase(SUBSCRIPTION_TYPE) || !inventory.keyOrdered();
      int size = whole ? Math.max(1, objects.size()) : BATCH;
      for (int from = 0; from < objects.size() || (whole && from == 0); from += size) {
        List<ArmObject> batch = objects.subList(from, Math.min(objects.size(), from + size));
        List<Finding[]> rows = batch.parallelStream().map(object -> evaluate(group, object, inventory)).toList();
        for (int r = 0; r < group.size(); r++) {
          List<Finding> findings = new ArrayList<>(rows.size());
          for (Finding[] row : rows) {
            findings.add(row[r]);
          }
          if (whole) {
            findings.addAll(missingSubscriptions(group.get(r).rule(), inventory));
            findings.sort(Finding.FILE_ORDER);
          }
          out.accept(group.get(r).rule(), findings);
        }
      }
    });
  }

  private Finding[] evaluate(List<BoundRule> group, ArmObject object, Inventory inventory) {
    Finding[] row = new Finding[group.size()];
    for (int r = 0; r < row.length; r++) {
      row[r] = evaluate(group.get(r), object, inventory);
    }
    return row;
  }

  /**
   * Fail closed for subscription-level rules: a subscription whose resources were read but whose
   * own object (and so its role assignments, activity-log settings…) was not, is an ERROR, never
   * silently skipped.
   */
  private List<Finding> missingSubscriptions(Rule rule, Inventory inventory) {
    List<Finding> errors = new ArrayList<>();
    if (!rule.resourceType().equalsIgnoreCase(SUBSCRIPTION_TYPE)) {
      return errors;
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

  private BoundRule bind(Rule rule) {
    return new BoundRule(rule, parametersOf(rule));
  }

  public Finding evaluate(Rule rule, ArmObject object, Inventory inventory) {
    return evaluate(bind(rule), object, inventory);
  }

  private Finding evaluate(BoundRule bound, ArmObject object, Inventory inventory) {
    Rule rule = bound.rule();
    Evaluator evaluator = new Evaluator(inventory, bound);
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
    // SHA-256 of "ruleId|lower-cased resource id" in UTF-8, its first 8 bytes in hex. The bytes are
    // built here for ASCII ids (lower-casing and encoding in one pass); others take the long way.
    byte[] input = asciiInput(ruleId, resourceId);
    if (input == null) {
      input = (ruleId + "|" + resourceId.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
    }
    byte[] hash = SHA256.get().digest(input);
    char[] id = new char[ruleId.length() + 1 + 16];
    ruleId.getChars(0, ruleId.length(), id, 0);
    int at = ruleId.length();
    id[at++] = '-';
    for (int i = 0; i < 8; i++) {
      id[at++] = HEX[(hash[i] >> 4) & 0xF];
      id[at++] = HEX[hash[i] & 0xF];
    }
    return new String(id);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** {@code ruleId|resourceId} lower-cased as UTF-8 bytes, or null when either has a non-ASCII character. */
  private static byte[] asciiInput(String ruleId, String resourceId) {
    // UTF-8 encoding of an ASCII string is a plain copy; lower-casing its bytes is then cheap.
    byte[] bytes = (ruleId + "|" + resourceId).getBytes(StandardCharsets.UTF_8);
    if (bytes.length != ruleId.length() + 1 + resourceId.length()) {
      return null;
    }
    for (int i = ruleId.length() + 1; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b >= 'A' && b <= 'Z') {
        bytes[i] = (byte) (b + 32);
      }
    }
    return bytes;
  }

  private static String message(Rule rule, ArmObject object, Status status, String detail, List<Evidence> evidence) {
    StringBuilder text = new StringBuilder(256);
    text.append(typeLabel(object.type())).append(" '").append(object.name()).append('\'');
    if (!object.subscriptionId().isEmpty()) {
      text.append(" in subscription ").append(object.subscriptionId());
    }
    text.append(' ');
    if (status == Status.NOT_APPLICABLE) {
      return text.append("is not in scope of '").append(rule.title()).append("'.").toString();
    }
    text.append(detail).append(" '").append(rule.title()).append('\'');
    if (status != Status.ERROR) {
      // The (at most three) observations that decided: those that held for a pass, failed for a fail.
      int listed = 0;
      for (Evidence e : evidence) {
        if ((status == Status.PASS) == e.held() && listed < 3) {
          text.append(listed++ == 0 ? ": " : "; ").append(e.describe());
        }
      }
    }
    return text.append('.').toString();
  }

  private static String typeLabel(String type) {
    String last = type.substring(type.lastIndexOf('/') + 1);
    return last.isEmpty() ? type : last;
  }
}
