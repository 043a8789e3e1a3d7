package dev.attest.report.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.ControlResult;
import dev.attest.assessment.RuleMetadata;
import dev.attest.assessment.Summary;
import dev.attest.attestations.AttestationResult;
import dev.attest.baseline.Comparison;
import dev.attest.engine.Finding;
import dev.attest.evidence.EvidenceResult;
import dev.attest.policy.PolicyOverview;
import dev.attest.waivers.WaiverResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a saved {@code findings.json} back into the {@link Assessment} it was written from, so
 * every format can be rendered without rescanning. Streams the document (findings one at a time)
 * and reports anything malformed or of another schema as one line {@code file:line:col: what}.
 */
public final class FindingsReader {
  private static final TypeReference<Summary> SUMMARY = new TypeReference<>() {};
  private static final TypeReference<List<ControlResult>> CONTROLS = new TypeReference<>() {};
  private static final TypeReference<List<RuleMetadata>> RULES = new TypeReference<>() {};
  private static final TypeReference<List<WaiverResult>> WAIVERS = new TypeReference<>() {};
  private static final TypeReference<List<AttestationResult>> ATTESTATIONS = new TypeReference<>() {};
  private static final TypeReference<Comparison> BASELINE = new TypeReference<>() {};
  private static final TypeReference<PolicyOverview> POLICY = new TypeReference<>() {};
  private static final TypeReference<List<EvidenceResult>> EVIDENCE = new TypeReference<>() {};
  /** Fields every finding must carry; the others (resource name, subscription) may be absent. */
  private static final Map<String, Function<Finding, Object>> REQUIRED = requiredFields();

  // Unknown fields stay an error (the default): a document with fields this version does not know
  // is of another schema, and silently dropping them would make a re-rendered report lie.
  private final ObjectMapper mapper = JsonReportWriter.documentMapper();
  /** Applied to each section's JSON before it is mapped (the bundle redacts files from elsewhere). */
  private final java.util.function.UnaryOperator<com.fasterxml.jackson.databind.JsonNode> filter;

  public FindingsReader() {
    this(null);
  }

  /** A reader that passes every section through {@code filter} first (e.g. redaction). */
  public FindingsReader(java.util.function.UnaryOperator<com.fasterxml.jackson.databind.JsonNode> filter) {
    this.filter = filter;
  }

  private <T> T map(JsonParser parser, TypeReference<T> type) throws IOException {
    if (filter == null) {
      return mapper.readValue(parser, type);
    }
    com.fasterxml.jackson.databind.JsonNode tree = mapper.readTree(parser);
    return tree == null || tree.isNull() ? null : mapper.convertValue(filter.apply(tree), type);
  }

  /** A findings file that cannot be used; the message is the one line users see. */
  public static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads the document at {@code file}. */
  public Assessment read(Path file) throws Unreadable {
    if (!Files.exists(file)) {
      throw new Unreadable(file + ": no such file");
    }
    if (!Files.isRegularFile(file)) {
      throw new Unreadable(file + ": not a findings file (give the path of findings.json)");
    }
    try (JsonParser parser = mapper.createParser(file.toFile())) {
      return read(file, parser);
    } catch (JsonProcessingException e) {
      throw new Unreadable(at(file, e.getLocation()) + describe(e));
    } catch (IOException e) {
      throw new Unreadable(file + ": cannot be read: " + e.getMessage());
    }
  }

  private Assessment read(Path file, JsonParser parser) throws IOException, Unreadable {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new Unreadable(at(file, parser.currentLocation())
          + "not a findings document (expected a JSON object with \"schemaVersion\": "
          + JsonReportWriter.SCHEMA_VERSION + ")");
    }
    Integer version = null;
    Summary summary = null;
    List<ControlResult> controls = null;
    // Documents written before rules were recorded have none; reports then fall back to what
    // each finding carries.
    List<RuleMetadata> rules = List.of();
    List<Finding> findings = null;
    // Registers and the baseline comparison are written only when the scan had them.
    List<WaiverResult> waivers = List.of();
    List<AttestationResult> attestations = List.of();
    Comparison baseline = null;
    PolicyOverview policy = null;
    List<EvidenceResult> evidence = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonLocation fieldAt = parser.currentTokenLocation();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "schemaVersion" -> version = schemaVersion(file, parser, value);
        case "summary" -> summary = section(file, parser, field, SUMMARY);
        case "controls" -> controls = section(file, parser, field, CONTROLS);
        case "rules" -> rules = orEmpty(section(file, parser, field, RULES));
        case "findings" -> findings = findings(file, parser);
        case "waivers" -> waivers = orEmpty(section(file, parser, field, WAIVERS));
        case "attestations" -> attestations = orEmpty(section(file, parser, field, ATTESTATIONS));
        case "baseline" -> baseline = section(file, parser, field, BASELINE);
        case "policy" -> policy = section(file, parser, field, POLICY);
        case "evidence" -> evidence = section(file, parser, field, EVIDENCE);
        default -> throw new Unreadable(at(file, fieldAt) + "unknown field \"" + field + "\" (a findings document has schemaVersion, summary, controls, rules,"
            + " waivers, attestations, baseline, policy, evidence, findings)");
      }
    }
    if (parser.nextToken() != null) {
      throw new Unreadable(at(file, parser.currentTokenLocation()) + "unexpected content after the findings document");
    }
    List<String> missing = new ArrayList<>();
    if (version == null) {
      missing.add("schemaVersion");
    }
    if (summary == null) {
      missing.add("summary");
    }
    if (controls == null) {
      missing.add("controls");
    }
    if (findings == null) {
      missing.add("findings");
    }
    if (!missing.isEmpty()) {
      throw new Unreadable(file + ": not a findings document: no " + String.join(", ", missing));
    }
    return new Assessment(summary, controls, findings, waivers, attestations, baseline, rules, policy, evidence);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static int schemaVersion(Path file, JsonParser parser, JsonToken value) throws IOException, Unreadable {
    if (value != JsonToken.VALUE_NUMBER_INT || parser.getIntValue() != JsonReportWriter.SCHEMA_VERSION) {
      throw new Unreadable(at(file, parser.currentTokenLocation()) + "schemaVersion " + parser.getText()
          + " is not supported (this version of attest reads schemaVersion " + JsonReportWriter.SCHEMA_VERSION + ")");
    }
    return parser.getIntValue();
  }

  /** Reads one top-level section, naming the section and the path inside it on error. */
  private <T> T section(Path file, JsonParser parser, String name, TypeReference<T> type) throws IOException, Unreadable {
    try {
      return map(parser, type);
    } catch (JsonMappingException e) {
      throw new Unreadable(at(file, e.getLocation()) + name + pathOf(e) + ": " + describe(e));
    } catch (IllegalArgumentException e) {
      throw new Unreadable(file + ": " + name + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /** Reads the findings array one element at a time, so each bad finding is named by its place. */
  private List<Finding> findings(Path file, JsonParser parser) throws IOException, Unreadable {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw new Unreadable(at(file, parser.currentTokenLocation()) + "findings must be an array");
    }
    List<Finding> findings = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      JsonLocation start = parser.currentTokenLocation();
      Finding finding;
      try {
        finding = map(parser, new TypeReference<Finding>() {});
      } catch (JsonMappingException e) {
        throw new Unreadable(at(file, e.getLocation()) + "findings[" + findings.size() + "]" + pathOf(e) + ": "
            + describe(e));
      } catch (IllegalArgumentException e) {
        throw new Unreadable(at(file, start) + "findings[" + findings.size() + "]: "
            + e.getMessage().lines().findFirst().orElse(""));
      }
      if (finding == null) {
        throw new Unreadable(at(file, start) + "findings[" + findings.size() + "] is null");
      }
      for (Map.Entry<String, Function<Finding, Object>> required : REQUIRED.entrySet()) {
        if (required.getValue().apply(finding) == null) {
          throw new Unreadable(at(file, start) + "findings[" + findings.size() + "] has no \"" + required.getKey() + "\"");
        }
      }
      findings.add(finding);
    }
    return findings;
  }

  private static Map<String, Function<Finding, Object>> requiredFields() {
    Map<String, Function<Finding, Object>> fields = new LinkedHashMap<>();
    fields.put("id", Finding::id);
    fields.put("ruleId", Finding::ruleId);
    fields.put("title", Finding::title);
    fields.put("resourceId", Finding::resourceId);
    fields.put("resourceType", Finding::resourceType);
    fields.put("status", Finding::status);
    fields.put("severity", Finding::severity);
    fields.put("area", Finding::area);
    fields.put("message", Finding::message);
    return fields;
  }

  private static String at(Path file, JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return file + ": ";
    }
    return file + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
  }

  /** The path inside a finding, e.g. {@code .evidence[0].held}. */
  private static String pathOf(JsonMappingException e) {
    return e.getPath().stream().map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName()
        : ref.getIndex() >= 0 ? "[" + ref.getIndex() + "]" : "").collect(Collectors.joining());
  }

  /** Jackson's message, first line only, with Java class names reduced to their simple names. */
  private static String describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown field \"" + unknown.getPropertyName() + "\"";
    }
    if (e instanceof ValueInstantiationException) {
      return "a required field is missing or null";
    }
    String message = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
    return message.lines().findFirst().orElse("")
        .replaceAll("`(?:[\\w$]+\\.)+([\\w$]+)`", "$1")
        .replaceAll("\\(class (?:[\\w$]+\\.)+([\\w$]+)\\)", "($1)")
        .replaceAll("\\b\\w+\\$(\\w+)", "$1");
  }
}
