package dev.attest.live;

import dev.attest.rules.Condition;
import dev.attest.rules.Relation;
import dev.attest.rules.Rule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ARM reads a live scan makes beyond Resource Graph, derived from the rules: every related
 * type a rule counts (children, descendants, extensions, referrers, references) and every rule
 * subject type that Resource Graph does not hold, for which {@link #CHILDREN} or
 * {@link #EXTENSIONS} knows the list call. Types outside both tables are taken to come from
 * Resource Graph's {@code Resources} table.
 */
public final class RelatedReads {
  /** Child types Resource Graph lacks, with the API version of their list call {@code {parent}/{segment}}. */
  static final Map<String, String> CHILDREN = lower(Map.ofEntries(
      Map.entry("Microsoft.Sql/servers/auditingSettings", "2021-11-01"),
      Map.entry("Microsoft.Sql/servers/encryptionProtector", "2021-11-01"),
      Map.entry("Microsoft.Sql/servers/firewallRules", "2021-11-01"),
      Map.entry("Microsoft.Sql/servers/administrators", "2021-11-01"),
      Map.entry("Microsoft.Sql/servers/azureADOnlyAuthentications", "2021-11-01"),
      Map.entry("Microsoft.Sql/servers/securityAlertPolicies", "2021-11-01"),
      Map.entry("Microsoft.Sql/servers/databases/transparentDataEncryption", "2021-11-01"),
      Map.entry("Microsoft.Sql/managedInstances/encryptionProtector", "2021-11-01"),
      Map.entry("Microsoft.Sql/managedInstances/administrators", "2021-11-01"),
      Map.entry("Microsoft.Sql/managedInstances/azureADOnlyAuthentications", "2021-11-01"),
      Map.entry("Microsoft.Web/sites/config", "2022-03-01"),
      Map.entry("Microsoft.DBforPostgreSQL/flexibleServers/configurations", "2022-12-01"),
      Map.entry("Microsoft.DBforMySQL/flexibleServers/configurations", "2023-06-30"),
      Map.entry("Microsoft.Storage/storageAccounts/blobServices", "2023-01-01"),
      Map.entry("Microsoft.Network/virtualNetworks/subnets", "2023-09-01"),
      Map.entry("Microsoft.Network/networkSecurityGroups/securityRules", "2023-09-01")));

  /** Extension types, listed on any resource with {@code {scope}/providers/{type}}. */
  static final Map<String, String> EXTENSIONS = lower(Map.of(
      "Microsoft.Insights/diagnosticSettings", "2021-05-01-preview",
      "Microsoft.SecurityInsights/onboardingStates", "2024-03-01"));

  /** One list call to make for every object of {@code parentType}. */
  public record Read(String parentType, String type, boolean extension, String apiVersion) {
    /** The list URL path for one parent, relative to the ARM endpoint. */
    String path(String parentId) {
      String base = parentId.endsWith("/") ? parentId.substring(0, parentId.length() - 1) : parentId;
      String segment = extension ? "providers/" + type : type.substring(type.lastIndexOf('/') + 1);
      return base + "/" + segment + "?api-version=" + apiVersion;
    }

    /** What coverage calls this read, e.g. "Microsoft.Sql/servers/auditingSettings". */
    String label() {
      return extension ? type + " on " + parentType : type;
    }
  }

  private RelatedReads() {}

  /** The reads the rules need, in an order where a parent type is read before its children. */
  public static List<Read> plan(List<Rule> rules) {
    Set<Read> reads = new LinkedHashSet<>();
    for (Rule rule : rules) {
      String subject = rule.resourceType().toLowerCase(Locale.ROOT);
      addChild(subject, reads);
      walk(rule.where(), subject, reads);
      walk(rule.assertion(), subject, reads);
    }
    markedTypes(rules).keySet().forEach(type -> addChild(type, reads));
    List<Read> ordered = new ArrayList<>(reads);
    // Deeper parent types depend on shallower reads (blobServices before their diagnostic settings).
    ordered.sort(java.util.Comparator.comparingInt((Read r) -> depth(r.parentType())).thenComparing(Read::parentType)
        .thenComparing(Read::type));
    return ordered;
  }

  /**
   * The child types whose list calls must leave a {@link dev.attest.inventory.CollectionMarker}:
   * those a rule asks {@code collectedChildren} about, so that a parent with none of them reads as
   * "listed, none" rather than "never read".
   */
  public static Map<String, String> markedTypes(List<Rule> rules) {
    Map<String, String> types = new TreeMap<>();
    for (Rule rule : rules) {
      collectMarked(rule.where(), types);
      collectMarked(rule.assertion(), types);
    }
    return types;
  }

  /** Lower-case type → the type as the rule spells it. */
  private static void collectMarked(Condition condition, Map<String, String> types) {
    if (condition instanceof Condition.AllOf all) {
      all.parts().forEach(p -> collectMarked(p, types));
    } else if (condition instanceof Condition.AnyOf any) {
      any.parts().forEach(p -> collectMarked(p, types));
    } else if (condition instanceof Condition.Not not) {
      collectMarked(not.inner(), types);
    } else if (condition instanceof Condition.Test test) {
      if (test.operand() instanceof Condition.Compute compute && compute.function().equals("collectedChildren")
          && compute.args() != null && compute.args().path("type").isTextual()) {
        String type = compute.args().path("type").asText();
        types.putIfAbsent(type.toLowerCase(Locale.ROOT), type);
      } else if (test.operand() instanceof Condition.ArrayCount count) {
        collectMarked(count.where(), types);
      } else if (test.operand() instanceof Condition.RelatedCount related) {
        collectMarked(related.where(), types);
      }
    }
  }

  /** True when some read in the plan produces objects of this type. */
  static boolean produced(List<Read> plan, String type) {
    return plan.stream().anyMatch(r -> r.type().equals(type.toLowerCase(Locale.ROOT)) && !r.extension());
  }

  private static void walk(Condition condition, String subject, Set<Read> reads) {
    if (condition == null) {
      return;
    }
    if (condition instanceof Condition.AllOf all) {
      all.parts().forEach(p -> walk(p, subject, reads));
    } else if (condition instanceof Condition.AnyOf any) {
      any.parts().forEach(p -> walk(p, subject, reads));
    } else if (condition instanceof Condition.Not not) {
      walk(not.inner(), subject, reads);
    } else if (condition instanceof Condition.Test test) {
      operand(test.operand(), subject, reads);
    }
  }

  private static void operand(Condition.Operand operand, String subject, Set<Read> reads) {
    if (operand instanceof Condition.ArrayCount count) {
      walk(count.where(), subject, reads);
    } else if (operand instanceof Condition.RelatedCount related) {
      String type = related.type() == null ? null : related.type().toLowerCase(Locale.ROOT);
      if (type != null) {
        if (related.relation() == Relation.EXTENSIONS && EXTENSIONS.containsKey(type)) {
          reads.add(new Read(subject, type, true, EXTENSIONS.get(type)));
        } else if (related.relation() != Relation.PARENT && related.relation() != Relation.SCOPE) {
          addChild(type, reads);
        }
      }
      // Inside the count, the related object is the subject of the nested conditions.
      walk(related.where(), type == null ? subject : type, reads);
    }
  }

  private static void addChild(String type, Set<Read> reads) {
    String version = CHILDREN.get(type);
    if (version != null) {
      reads.add(new Read(type.substring(0, type.lastIndexOf('/')), type, false, version));
    }
  }

  private static int depth(String type) {
    return type.split("/").length;
  }

  private static Map<String, String> lower(Map<String, String> map) {
    Map<String, String> lowered = new TreeMap<>();
    map.forEach((k, v) -> lowered.put(k.toLowerCase(Locale.ROOT), v));
    return java.util.Collections.unmodifiableMap(lowered);
  }
}
