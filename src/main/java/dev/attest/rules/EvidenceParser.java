package dev.attest.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attest.controls.ControlCatalog;
import dev.attest.evidence.EvidenceQuery;
import dev.attest.evidence.Expectation;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one log evidence query file ({@code evidence/*.yaml}) of the rule pack, reporting every
 * problem with its place, as rule files are.
 */
final class EvidenceParser {
  private static final Set<String> KEYS = Set.of("id", "title", "controls", "query", "expectation", "table", "maxRows",
      "period");
  private static final Pattern ID = Pattern.compile("EV-[A-Z]{2,5}-\\d{4}");
  /** The first name of a KQL query is its table (comments and `let`s are not used in the pack's queries). */
  private static final Pattern TABLE = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)");
  static final int MAX_ROWS_LIMIT = 500;

  private EvidenceParser() {}

  static EvidenceQuery parse(LocatedYaml doc, ControlCatalog catalog, List<RuleProblem> problems) {
    JsonNode root = doc.root();
    int before = problems.size();
    if (!root.isObject()) {
      problems.add(doc.problemAt("", false, "an evidence query file must be a mapping"));
      return null;
    }
    root.fieldNames().forEachRemaining(key -> {
      if (!KEYS.contains(key)) {
        problems.add(doc.problemAt("/" + key, true, "unknown key '" + key + "' (known: " + String.join(", ",
            new java.util.TreeSet<>(KEYS)) + ")"));
      }
    });
    String id = text(doc, "id", problems);
    if (id != null && !ID.matcher(id).matches()) {
      problems.add(doc.problemAt("/id", false, "id " + id + " must look like EV-AREA-0001"));
    }
    String title = text(doc, "title", problems);
    String query = text(doc, "query", problems);
    String expectationText = text(doc, "expectation", problems);
    Expectation expectation = expectationText == null ? null : Expectation.parse(expectationText);
    if (expectationText != null && expectation == null) {
      problems.add(doc.problemAt("/expectation", false, "expectation must read 'rows OP N' with OP one of == != > >= < <="));
    }
    List<String> controls = new ArrayList<>();
    JsonNode list = root.path("controls");
    if (!list.isArray() || list.isEmpty()) {
      problems.add(doc.problemAt(list.isMissingNode() ? "" : "/controls", false, "'controls' must be a non-empty list"));
    } else {
      for (int i = 0; i < list.size(); i++) {
        String control = list.get(i).asText();
        if (catalog.find(control).isEmpty()) {
          problems.add(doc.problemAt("/controls/" + i, false, "unknown control id " + control));
        }
        controls.add(control);
      }
    }
    int maxRows = 50;
    if (root.has("maxRows")) {
      JsonNode n = root.get("maxRows");
      // Numbers reach here as YAML scalars; the text must be a plain whole number.
      if (!n.asText().matches("\\d{1,4}") || n.asInt() < 1 || n.asInt() > MAX_ROWS_LIMIT) {
        problems.add(doc.problemAt("/maxRows", false, "maxRows must be a whole number from 1 to " + MAX_ROWS_LIMIT));
      } else {
        maxRows = n.asInt();
      }
    }
    Period lookback = null;
    String period = root.path("period").asText("reporting");
    if (!period.equals("reporting")) {
      try {
        lookback = Period.parse(period);
      } catch (DateTimeParseException e) {
        problems.add(doc.problemAt("/period", false, "period must be 'reporting' or an ISO period such as P30D"));
      }
    }
    String table = root.has("table") ? root.get("table").asText() : null;
    if (table == null && query != null) {
      Matcher m = TABLE.matcher(query);
      if (m.find()) {
        table = m.group(1);
      } else {
        problems.add(doc.problemAt("/query", false, "cannot tell the query's table; add 'table'"));
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new EvidenceQuery(id, title, controls, query.strip(), expectation, table, maxRows, lookback, doc.file());
  }

  private static String text(LocatedYaml doc, String key, List<RuleProblem> problems) {
    JsonNode node = doc.root().get(key);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      problems.add(doc.problemAt(node == null ? "" : "/" + key, false, "'" + key + "' is required (text)"));
      return null;
    }
    return node.asText();
  }
}
