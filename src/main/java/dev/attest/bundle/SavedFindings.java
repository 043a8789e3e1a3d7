package dev.attest.bundle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.ControlResult;
import dev.attest.assessment.RuleMetadata;
import dev.attest.assessment.Summary;
import dev.attest.attestations.AttestationResult;
import dev.attest.baseline.Comparison;
import dev.attest.engine.Finding;
import dev.attest.report.json.JsonReportWriter;
import dev.attest.waivers.WaiverResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a saved {@code findings.json} back into an assessment (redacted), for {@code attest bundle}. */
public final class SavedFindings {
  private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final Redactor redactor;

  public SavedFindings(Redactor redactor) {
    this.redactor = redactor;
  }

  /** A findings file that cannot be used, as one line naming the file and the place. */
  public static final class Invalid extends Exception {
    public Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /** The document's top level, as {@link JsonReportWriter} writes it. */
  record Document(int schemaVersion, Summary summary, List<ControlResult> controls, List<RuleMetadata> rules,
      List<Finding> findings, List<WaiverResult> waivers, List<AttestationResult> attestations, Comparison baseline) {}

  public Assessment read(Path file) throws Invalid {
    JsonNode root;
    try {
      root = mapper.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw new Invalid(file + ":" + place(e.getLocation()) + ": malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Invalid(file + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new Invalid(file + ": not a findings document (expected a JSON object with schemaVersion)");
    }
    JsonNode version = root.get("schemaVersion");
    if (version == null || !version.isInt()) {
      throw new Invalid(file + ": no schemaVersion; not a findings document written by attest scan");
    }
    if (version.asInt() != JsonReportWriter.SCHEMA_VERSION) {
      throw new Invalid(file + ": schemaVersion " + version.asInt() + " is not supported (this attest reads "
          + JsonReportWriter.SCHEMA_VERSION + ")");
    }
    try {
      // Redacted as a tree first: a findings file from elsewhere may carry secrets in its evidence.
      Document document = mapper.treeToValue(redactor.redact(root), Document.class);
      return new Assessment(document.summary(), document.controls(), document.findings(),
          document.waivers() == null ? List.of() : document.waivers(),
          document.attestations() == null ? List.of() : document.attestations(), document.baseline(),
          document.rules() == null ? List.of() : document.rules());
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      throw new Invalid(file + ": not a valid findings document at " + e.getPathReference() + ": "
          + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new Invalid(file + ": not a valid findings document: " + e.getOriginalMessage());
    }
  }

  private static String place(JsonLocation at) {
    return at == null ? "0:0" : at.getLineNr() + ":" + at.getColumnNr();
  }
}
