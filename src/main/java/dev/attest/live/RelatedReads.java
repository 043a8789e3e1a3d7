package dev.attest.live;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attest.rules.Condition;
import dev.attest.rules.Operator;
import dev.attest.rules.ParameterRef;
import dev.attest.rules.Relation;
import dev.attest.rules.Rule;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * Resource Graph's {@code Resources} table; {@link #EMBEDDED} types come inside their parent's row.
 *
 * <p>A read is made only for the parents a rule can use it for: simple tests on a parent's own
 * top-level fields that must hold for the read to matter (a rule's {@code where: name notEquals
 * master}, or {@code allOf: [name equals master, count …]} inside a count) become the read's
 * {@link Selector}. A parent is skipped only when such a test is certainly false for it.
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
      Map.entry("Microsoft.Storage/storageAccounts/blobServices", "2023-01-01")));

  /** Extension types, listed on any resource with {@code {scope}/providers/{type}}. */
  static final Map<String, String> EXTENSIONS = lower(Map.of(
      "Microsoft.Insights/diagnosticSettings", "2021-05-01-preview",
      "Microsoft.SecurityInsights/onboardingStates", "2024-03-01"));

  /**
   * Reads whose 404 means "there is none" rather than "the parent is gone": Sentinel answers 404
   * for a workspace it was never enabled on. Every other 404 on a list under a parent Resource
   * Graph listed leaves that parent's children unread (the call counts as failed).
   */
  static final Set<String> NOT_FOUND_IS_NONE = Set.of("microsoft.securityinsights/onboardingstates");

  /**
   * Child types that Resource Graph's row of the parent already holds in full (the same objects
   * ARM's list call returns), by the array that holds them. {@code lift}: each element also
   * becomes an object of its own, because rules and references address it by id (a NIC names its
   * subnet); NSG rules are read where they are embedded, so they are not lifted.
   */
  record Embedded(String array, boolean lift) {}

  static final Map<String, Embedded> EMBEDDED = lower(Map.of(
      "Microsoft.Network/virtualNetworks/subnets", new Embedded("subnets", true),
      "Microsoft.Network/networkSecurityGroups/securityRules", new Embedded("securityRules", false)));

  /** One list call to make for every object of {@code parentType} that {@code when} selects. */
  public record Read(String parentType, String type, boolean extension, String apiVersion, Selector when) {
    public Read(String parentType, String type, boolean extension, String apiVersion) {
      this(parentType, type, extension, apiVersion, Selector.ALL);
    }

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

    /** True when a 404 on this list means there is nothing to list, not a missing parent. */
    boolean notFoundIsNone() {
      return NOT_FOUND_IS_NONE.contains(type);
    }
  }

  /** A child type to lift out of its parent's Resource Graph row: {@code parentType}'s {@code array}. */
  public record Lift(String parentType, String type, String array) {}

  /** The reads, in an order where a parent type is read before its children, and the types to lift. */
  public record Plan(List<Read> reads, List<Lift> lifts) {
    public Plan {
      reads = List.copyOf(reads);
      lifts = List.copyOf(lifts);
    }
  }

  /**
   * Which parents a read is for: every one ({@link #ALL}), or those that pass at least one of some
   * conjunctions of {@link FieldTest}s.
   */
  public record Selector(List<List<FieldTest>> alternatives) {
    public static final Selector ALL = new Selector(null);

    public Selector {
      alternatives = alternatives == null ? null : alternatives.stream().map(List::copyOf).toList();
    }

    static Selector of(List<FieldTest> tests) {
      return tests.isEmpty() ? ALL : new Selector(List.of(tests));
    }

    /** True unless every alternative has a test that is certainly false for the parent. */
    public boolean selects(JsonNode parent) {
      if (alternatives == null) {
        return true;
      }
      for (List<FieldTest> tests : alternatives) {
        if (tests.stream().noneMatch(t -> t.certainlyFalse(parent))) {
          return true;
        }
      }
      return false;
    }

    Selector or(Selector other) {
      if (alternatives == null || other.alternatives == null) {
        return ALL;
      }
      List<List<FieldTest>> both = new ArrayList<>(alternatives);
      other.alternatives.stream().filter(a -> !both.contains(a)).forEach(both::add);
      return new Selector(both);
    }
  }

  /** {@code field op values} on a top-level string field of the parent, compared case-insensitively as the engine does. */
  public record FieldTest(String field, Operator operator, List<String> values) {
    public FieldTest {
      values = List.copyOf(values);
    }

    /** Only a present string value can make the test false; anything else leaves the read in. */
    boolean certainlyFalse(JsonNode parent) {
      JsonNode value = field(parent, field);
      if (value == null || !value.isTextual()) {
        return false;
      }
      boolean listed = values.stream().anyMatch(v -> v.equalsIgnoreCase(value.asText()));
      return switch (operator) {
        case EQUALS, IN -> !listed;
        case NOT_EQUALS, NOT_IN -> listed;
        default -> false;
      };
    }

    private static JsonNode field(JsonNode object, String name) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
      return null;
    }
  }

  /** Top-level fields a selector may test: scalars Resource Graph always returns as ARM does. */
  private static final Set<String> SELECTABLE = Set.of("name", "kind", "type", "location");

  private RelatedReads() {}

  /** The reads the rules need, in an order where a parent type is read before its children. */
  public static Plan plan(List<Rule> rules) {
    Map<List<Object>, Read> reads = new LinkedHashMap<>();
    Map<String, Lift> lifts = new TreeMap<>();
    for (Rule rule : rules) {
      String subject = rule.resourceType().toLowerCase(Locale.ROOT);
      addType(subject, Selector.ALL, reads, lifts);
      Context context = new Context(subject, conjuncts(rule.where(), subject));
      walk(rule.where(), new Context(subject, List.of()), reads, lifts);
      walk(rule.assertion(), context, reads, lifts);
    }
    // Child types a rule asks collectedChildren about are listed even where no count follows them.
    markedTypes(rules).keySet().forEach(type -> addType(type, Selector.ALL, reads, lifts));
    List<Read> ordered = new ArrayList<>(reads.values());
    // Deeper parent types depend on shallower reads (blobServices before their diagnostic settings).
    ordered.sort(java.util.Comparator.comparingInt((Read r) -> depth(r.parentType())).thenComparing(Read::parentType)
        .thenComparing(Read::type));
    return new Plan(ordered, new ArrayList<>(lifts.values()));
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
    Condition.forEachTest(condition, test -> {
      if (test.operand() instanceof Condition.Compute compute && compute.function().equals("collectedChildren")
          && compute.args() != null && compute.args().path("type").isTextual()) {
        String type = compute.args().path("type").asText();
        types.putIfAbsent(type.toLowerCase(Locale.ROOT), type);
      } else if (test.operand() instanceof Condition.ArrayCount count) {
        collectMarked(count.where(), types);
      } else if (test.operand() instanceof Condition.RelatedCount related) {
        collectMarked(related.where(), types);
      }
    });
  }


  /** The subject at this point of a condition and the tests on it that hold wherever the condition matters. */
  private record Context(String subject, List<FieldTest> holding) {
    Context with(List<FieldTest> more) {
      if (more.isEmpty()) {
        return this;
      }
      List<FieldTest> all = new ArrayList<>(holding);
      more.stream().filter(t -> !all.contains(t)).forEach(all::add);
      return new Context(subject, all);
    }
  }

  private static void walk(Condition condition, Context context, Map<List<Object>, Read> reads, Map<String, Lift> lifts) {
    if (condition == null) {
      return;
    }
    if (condition instanceof Condition.AllOf all) {
      // Each part matters only when its siblings hold: their simple tests narrow it.
      Context inner = context.with(conjuncts(all, context.subject()));
      all.parts().forEach(p -> walk(p, inner, reads, lifts));
    } else if (condition instanceof Condition.AnyOf any) {
      any.parts().forEach(p -> walk(p, context, reads, lifts));
    } else if (condition instanceof Condition.Not not) {
      walk(not.inner(), context, reads, lifts);
    } else if (condition instanceof Condition.Test test) {
      operand(test.operand(), context, reads, lifts);
    }
  }

  private static void operand(Condition.Operand operand, Context context, Map<List<Object>, Read> reads,
      Map<String, Lift> lifts) {
    if (operand instanceof Condition.ArrayCount count) {
      walk(count.where(), context, reads, lifts);
    } else if (operand instanceof Condition.RelatedCount related) {
      String type = related.type() == null ? null : related.type().toLowerCase(Locale.ROOT);
      Selector when = Selector.of(context.holding());
      if (type != null) {
        if (related.relation() == Relation.EXTENSIONS && EXTENSIONS.containsKey(type)) {
          add(new Read(context.subject(), type, true, EXTENSIONS.get(type), when), reads);
        } else if (related.relation() != Relation.PARENT && related.relation() != Relation.SCOPE) {
          // The subject's tests select a child read only when the subject is that read's parent.
          boolean direct = related.relation() == Relation.CHILDREN && type.startsWith(context.subject() + "/")
              && type.lastIndexOf('/') == context.subject().length();
          addType(type, direct ? when : Selector.ALL, reads, lifts);
        }
      }
      // Inside the count the related object is the subject; tests on the outer subject no longer apply.
      String inner = type == null ? context.subject() : type;
      walk(related.where(), new Context(inner, conjuncts(related.where(), inner)), reads, lifts);
    }
  }

  /** The simple tests a condition requires of its subject: itself, or the direct parts of an allOf. */
  private static List<FieldTest> conjuncts(Condition condition, String subject) {
    List<Condition> parts = condition instanceof Condition.AllOf all ? all.parts()
        : condition == null ? List.of() : List.of(condition);
    List<FieldTest> tests = new ArrayList<>();
    for (Condition part : parts) {
      FieldTest test = fieldTest(part);
      if (test != null) {
        tests.add(test);
      }
    }
    return tests;
  }

  private static FieldTest fieldTest(Condition condition) {
    if (!(condition instanceof Condition.Test test) || !(test.operand() instanceof Condition.Field field)
        || test.ifMissing() != null || field.path().segments().size() != 1) {
      return null;
    }
    String name = field.path().segments().get(0).name().toLowerCase(Locale.ROOT);
    if (!SELECTABLE.contains(name) || field.path().segments().get(0).wildcard()) {
      return null;
    }
    JsonNode argument = test.argument();
    List<String> values = new ArrayList<>();
    switch (test.operator()) {
      case EQUALS, NOT_EQUALS -> {
        if (argument == null || !argument.isTextual() || ParameterRef.name(argument) != null) {
          return null;
        }
        values.add(argument.asText());
      }
      case IN, NOT_IN -> {
        if (argument == null || !argument.isArray()) {
          return null;
        }
        for (JsonNode value : argument) {
          if (!value.isTextual()) {
            return null;
          }
          values.add(value.asText());
        }
      }
      default -> {
        return null;
      }
    }
    return new FieldTest(name, test.operator(), values);
  }

  /** A type the rules read: a list call under its parent, a type to lift out of its parent's row, or nothing (in Resource Graph). */
  private static void addType(String type, Selector when, Map<List<Object>, Read> reads, Map<String, Lift> lifts) {
    String parent = type.contains("/") && type.indexOf('/') != type.lastIndexOf('/')
        ? type.substring(0, type.lastIndexOf('/')) : null;
    String version = CHILDREN.get(type);
    if (version != null) {
      add(new Read(parent, type, false, version, when), reads);
    }
    Embedded embedded = EMBEDDED.get(type);
    if (embedded != null && embedded.lift()) {
      lifts.put(type, new Lift(parent, type, embedded.array()));
    }
  }

  private static void add(Read read, Map<List<Object>, Read> reads) {
    List<Object> key = List.of(read.parentType(), read.type(), read.extension(), read.apiVersion());
    reads.merge(key, read, (a, b) -> new Read(a.parentType(), a.type(), a.extension(), a.apiVersion(), a.when().or(b.when())));
  }

  private static int depth(String type) {
    return type.split("/").length;
  }

  private static <V> Map<String, V> lower(Map<String, V> map) {
    Map<String, V> lowered = new TreeMap<>();
    map.forEach((k, v) -> lowered.put(k.toLowerCase(Locale.ROOT), v));
    return java.util.Collections.unmodifiableMap(lowered);
  }
}
