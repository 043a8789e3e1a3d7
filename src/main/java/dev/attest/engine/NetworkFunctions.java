package dev.attest.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.attest.engine.PortRanges.Range;
import dev.attest.inventory.ArmObject;
import dev.attest.inventory.Inventory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Network security group semantics that a grammar cannot state honestly: rules are applied in
 * priority order, the first rule matching a packet decides, so a higher-priority Deny shadows a
 * later Allow; anything no custom rule decides falls to the default DenyAllInBound.
 */
final class NetworkFunctions {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String RULE_TYPE = "microsoft.network/networksecuritygroups/securityrules";

  private NetworkFunctions() {}

  /** The NSG rule fields the functions read, on an embedded rule's properties or, flattened, on the rule itself. */
  private static final List<String> RULE_FIELDS = List.of("direction", "protocol", "priority", "access",
      "destinationPortRange", "destinationPortRanges", "sourceAddressPrefix", "sourceAddressPrefixes");

  /** A field path a function reads (null: the whole object): on the subject (type null) or on related objects of a type. */
  record Read(String type, String path) {}

  /**
   * What a function reads with these (unsubstituted) arguments, so that an inventory keeping only
   * what rules read keeps it (see ReadPlan).
   */
  static List<Read> reads(String function, JsonNode args) {
    if (InventoryFunctions.handles(function)) {
      return InventoryFunctions.reads(function, args);
    }
    if (!function.equals("nsgInternetExposedPorts") && !function.equals("nsgInternetAllowRules")) {
      // A function whose reads are not declared here keeps its subject whole: a plan that kept
      // less would let it evaluate on missing fields, which could read as compliant.
      return List.of(new Read(null, null));
    }
    List<Read> reads = new ArrayList<>();
    reads.add(new Read(null, "properties.securityRules[*].name"));
    reads.add(new Read(RULE_TYPE, "name"));
    for (String field : RULE_FIELDS) {
      reads.add(new Read(null, "properties.securityRules[*].properties." + field));
      reads.add(new Read(null, "properties.securityRules[*]." + field));
      reads.add(new Read(RULE_TYPE, "properties." + field));
      reads.add(new Read(RULE_TYPE, field));
    }
    return reads;
  }

  /** A function's value and a sentence explaining it, for the evidence. */
  record Result(JsonNode value, String explanation) {}

  /** One inbound NSG rule reduced to what decides internet TCP exposure. */
  private record NsgRule(String name, int priority, boolean allow, boolean fromInternet, List<Range> ports) {}

  static Result compute(String function, ArmObject subject, JsonNode args, Inventory inventory) {
    if (InventoryFunctions.handles(function)) {
      return InventoryFunctions.compute(function, subject, args, inventory);
    }
    List<NsgRule> rules = inboundRules(subject, inventory);
    return switch (function) {
      case "nsgInternetExposedPorts" -> exposedPorts(rules, args);
      case "nsgInternetAllowRules" -> allowRules(rules);
      default -> throw new EvaluationError("unknown function " + function);
    };
  }

  private static Result exposedPorts(List<NsgRule> rules, JsonNode args) {
    JsonNode wanted = args == null ? null : Values.field(args, "ports");
    if (Values.absent(wanted)) {
      throw new EvaluationError("nsgInternetExposedPorts needs args.ports");
    }
    ArrayNode exposed = NODES.arrayNode();
    List<String> reasons = new ArrayList<>();
    for (JsonNode spec : wanted.isArray() ? wanted : NODES.arrayNode().add(wanted)) {
      List<Range> undecided = new ArrayList<>(PortRanges.of(spec));
      String decidedBy = null;
      for (NsgRule rule : rules) {
        if (!rule.fromInternet() || undecided.isEmpty()) {
          continue;
        }
        List<Range> hit = intersect(undecided, rule.ports());
        if (hit.isEmpty()) {
          continue;
        }
        if (rule.allow()) {
          exposed.add(spec.asText());
          decidedBy = spec.asText() + " open via " + rule.name() + " (priority " + rule.priority() + ")";
          break;
        }
        if (decidedBy == null) {
          decidedBy = spec.asText() + " denied by " + rule.name() + " (priority " + rule.priority() + ")";
        }
        undecided = subtract(undecided, rule.ports());
      }
      if (decidedBy != null) {
        reasons.add(decidedBy);
      }
    }
    String explanation = rules.isEmpty() ? "no custom inbound rules; internet inbound is denied by default"
        : reasons.isEmpty() ? "no inbound rule admits internet traffic to these ports" : String.join("; ", reasons);
    return new Result(exposed, explanation);
  }

  private static Result allowRules(List<NsgRule> rules) {
    ArrayNode names = NODES.arrayNode();
    List<Range> denied = new ArrayList<>();
    for (NsgRule rule : rules) {
      if (!rule.fromInternet()) {
        continue;
      }
      List<Range> effective = subtract(rule.ports(), denied);
      if (rule.allow() && !effective.isEmpty()) {
        names.add(rule.name());
      }
      if (!rule.allow()) {
        denied.addAll(rule.ports());
      }
    }
    return new Result(names, names.isEmpty() ? "no effective inbound allow rule from the internet" : null);
  }

  private static List<NsgRule> inboundRules(ArmObject nsg, Inventory inventory) {
    JsonNode properties = Values.field(nsg.body(), "properties");
    JsonNode embedded = properties == null ? null : Values.field(properties, "securityRules");
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    if (embedded != null && embedded.isArray()) {
      embedded.forEach(rule -> byName.put(nameOf(rule), rule));
    }
    List<ArmObject> children = inventory.children(nsg, RULE_TYPE);
    children.forEach(child -> byName.put(child.name().toLowerCase(Locale.ROOT), child.body()));
    if ((embedded == null || !embedded.isArray()) && children.isEmpty()) {
      throw new EvaluationError("the NSG's securityRules were not captured (properties.securityRules is absent)");
    }
    List<NsgRule> rules = new ArrayList<>();
    for (JsonNode rule : byName.values()) {
      JsonNode p = Values.field(rule, "properties");
      JsonNode source = p == null ? rule : p;
      String direction = text(source, "direction");
      String protocol = text(source, "protocol");
      if (!direction.equalsIgnoreCase("Inbound")) {
        continue;
      }
      if (!(protocol.equals("*") || protocol.equalsIgnoreCase("tcp") || protocol.equalsIgnoreCase("any"))) {
        continue;
      }
      JsonNode priority = Values.field(source, "priority");
      if (priority == null || !priority.canConvertToInt()) {
        throw new EvaluationError("NSG rule " + nameOf(rule) + " has no numeric priority");
      }
      List<Range> ports = new ArrayList<>(PortRanges.of(Values.field(source, "destinationPortRange")));
      ports.addAll(PortRanges.of(Values.field(source, "destinationPortRanges")));
      boolean fromInternet = AddressPrefixes.includesInternet(Values.field(source, "sourceAddressPrefix"))
          || AddressPrefixes.includesInternet(Values.field(source, "sourceAddressPrefixes"));
      rules.add(new NsgRule(nameOf(rule), priority.asInt(), text(source, "access").equalsIgnoreCase("Allow"),
          fromInternet, ports));
    }
    rules.sort(Comparator.comparingInt(NsgRule::priority));
    return rules;
  }

  private static String nameOf(JsonNode rule) {
    JsonNode name = Values.field(rule, "name");
    return name == null ? "(unnamed rule)" : name.asText();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = Values.field(node, field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static List<Range> intersect(List<Range> a, List<Range> b) {
    List<Range> out = new ArrayList<>();
    for (Range x : a) {
      for (Range y : b) {
        int low = Math.max(x.low(), y.low());
        int high = Math.min(x.high(), y.high());
        if (low <= high) {
          out.add(new Range(low, high));
        }
      }
    }
    return out;
  }

  private static List<Range> subtract(List<Range> from, List<Range> remove) {
    List<Range> current = new ArrayList<>(from);
    for (Range r : remove) {
      List<Range> next = new ArrayList<>();
      for (Range x : current) {
        if (r.high() < x.low() || r.low() > x.high()) {
          next.add(x);
          continue;
        }
        if (x.low() < r.low()) {
          next.add(new Range(x.low(), r.low() - 1));
        }
        if (x.high() > r.high()) {
          next.add(new Range(r.high() + 1, x.high()));
        }
      }
      current = next;
    }
    return current;
  }
}
