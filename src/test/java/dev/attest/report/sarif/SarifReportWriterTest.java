package dev.attest.report.sarif;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.Assessor;
import dev.attest.assessment.Gate;
import dev.attest.assessment.Summary;
import dev.attest.engine.Engine;
import dev.attest.inventory.DemoTenantSource;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
import dev.attest.rules.Severity;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.report.SampleScan;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF output on a real scan, validated against the SARIF 2.1.0 JSON schema
 * ({@code sarif/sarif-schema-2.1.0.json}: the schema the SARIF SDK ships, MIT licensed, taken
 * from the npm package @microsoft/sarif-multitool-linux 5.7.0 where it is named sarif-2.1.0.json).
 */
class SarifReportWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema schema;

  @TempDir
  Path dir;
  Assessment assessment;
  Finding waived;
  JsonNode run;

  @BeforeAll
  static void loadSchema() throws Exception {
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = SarifReportWriterTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    }
  }

  @BeforeEach
  void scan() throws Exception {
    assessment = SampleScan.assessWithWaiver(dir, "Waived until the migration: ticket SEC-1.");
    waived = SampleScan.finding(assessment, "AZ-TST-0001", "old");
    run = JSON.readTree(new SarifReportWriter().write(assessment, dir.resolve("out")).toFile()).get("runs").get(0);
  }

  private static Set<ValidationMessage> validate(JsonNode document) {
    return schema.validate(document);
  }

  @Test
  void theLogIsValidSarif210() throws Exception {
    JsonNode log = JSON.readTree(dir.resolve("out/findings.sarif").toFile());
    assertEquals("2.1.0", log.get("version").asText());
    assertEquals(Set.of(), validate(log));
    // The validator does reject what the schema forbids, so the empty set above means something.
    ObjectNode broken = log.deepCopy();
    ((ObjectNode) broken.get("runs").get(0).get("results").get(0)).put("level", "severe");
    assertFalse(validate(broken).isEmpty());
  }

  @Test
  void rulesCarryHelpRemediationTagsAndSecuritySeverity() {
    JsonNode rules = run.get("tool").get("driver").get("rules");
    assertEquals(3, rules.size());
    JsonNode tls = rules.get(0);
    assertEquals("AZ-TST-0001", tls.get("id").asText());
    assertEquals("Test.Storage.MinimumTls", tls.get("name").asText());
    assertEquals("Storage account requires TLS 1.2 or later", tls.get("shortDescription").get("text").asText());
    assertEquals("Checks the minimum TLS version the storage account accepts.", tls.get("fullDescription").get("text").asText());
    assertTrue(tls.get("help").get("text").asText().contains("Remediation: Set the minimum TLS version to 1.2."));
    assertTrue(tls.get("help").get("markdown").asText()
        .contains("```sh\naz storage account update -g <rg> -n <account> --min-tls-version TLS1_2\n```"));
    assertTrue(tls.get("helpUri").asText().startsWith("https://learn.microsoft.com/"));
    assertEquals("error", tls.get("defaultConfiguration").get("level").asText());
    assertEquals("8.0", tls.get("properties").get("security-severity").asText());
    List<String> tags = new ArrayList<>();
    tls.get("properties").get("tags").forEach(t -> tags.add(t.asText()));
    assertEquals(List.of("security", "compliance", "tls", "hipaa:164.312(e)(1)"), tags);
    assertEquals("3.0", rules.get(1).get("properties").get("security-severity").asText());
  }

  @Test
  void failAndWaivedFindingsAreResultsWithLevelsLocationsAndFingerprints() {
    JsonNode results = run.get("results");
    assertEquals(4, results.size(), "three FAIL and one WAIVED; PASS, NOT_APPLICABLE and ERROR are not results");
    JsonNode hostile = null;
    JsonNode waivedResult = null;
    for (JsonNode result : results) {
      JsonNode rule = run.get("tool").get("driver").get("rules").get(result.get("ruleIndex").asInt());
      assertEquals(result.get("ruleId").asText(), rule.get("id").asText());
      String name = result.get("locations").get(0).get("logicalLocations").get(0).get("name").asText();
      if (name.equals(SampleScan.HOSTILE) && result.get("ruleId").asText().equals("AZ-TST-0002")) {
        hostile = result;
      }
      if (result.has("suppressions")) {
        waivedResult = result;
      }
    }
    assertEquals("note", hostile.get("level").asText(), "low severity is a note");
    Finding finding = SampleScan.finding(assessment, "AZ-TST-0002", SampleScan.HOSTILE);
    assertEquals(finding.id(), hostile.get("partialFingerprints").get(SarifReportWriter.FINGERPRINT).asText());
    assertEquals(finding.message(), hostile.get("message").get("text").asText());
    JsonNode location = hostile.get("locations").get(0);
    assertEquals(finding.resourceId(), location.get("logicalLocations").get(0).get("fullyQualifiedName").asText());
    assertEquals("subscriptions/" + SampleScan.SUBSCRIPTION + "/resourceGroups/rg/providers/Microsoft.Storage/"
            + "storageAccounts/%3Cscript%3Ealert%281%29%3C/script%3E%22%3Dcmd%7C%27%20/C%20calc%27%21A0",
        location.get("physicalLocation").get("artifactLocation").get("uri").asText());

    assertEquals(waived.id(), waivedResult.get("partialFingerprints").get(SarifReportWriter.FINGERPRINT).asText());
    assertEquals("error", waivedResult.get("level").asText());
    JsonNode suppression = waivedResult.get("suppressions").get(0);
    assertEquals("external", suppression.get("kind").asText());
    assertEquals("Waived until the migration: ticket SEC-1.", suppression.get("justification").asText());
    assertEquals("WVR-TEST-001", suppression.get("properties").get("waiver").asText());
    assertEquals("2027-01-31", suppression.get("properties").get("expires").asText());
  }

  @Test
  void errorsAreExecutionNotificationsAndTheRunIsNotSuccessful() {
    JsonNode invocation = run.get("invocations").get(0);
    assertFalse(invocation.get("executionSuccessful").asBoolean());
    JsonNode notification = invocation.get("toolExecutionNotifications").get(0);
    assertEquals("error", notification.get("level").asText());
    assertEquals("AZ-TST-0003", notification.get("associatedRule").get("id").asText());
    assertEquals(2, notification.get("associatedRule").get("index").asInt());
    assertTrue(notification.get("message").get("text").asText().contains("could not be evaluated"));
  }

  @Test
  void unreadableInputMakesTheRunUnsuccessfulAndIsANotificationWithTheCompletenessInTheProperties() throws Exception {
    Assessment a = SampleScan.assess(dir.resolve("unread"));
    Summary s = a.summary();
    Summary incomplete = new Summary(s.tool(), s.rulePack(), s.scope(), s.coverage(), s.findingsByStatus(),
        s.failuresBySeverity(), s.findingsByArea(), s.controlsByStatus(), s.controlsByCoverage(),
        new Summary.Completeness(false, 0, List.of("snap/broken.json:1:9: malformed JSON")),
        new Gate(Severity.CRITICAL, Set.of()).judgeCounts(0, 0, 0, false), null, null, null, null);
    List<Finding> noErrors = a.findings().stream().filter(f -> f.status() != Status.ERROR).toList();
    JsonNode log = JSON.readTree(new SarifReportWriter().write(new Assessment(incomplete, a.controls(), noErrors),
        dir.resolve("unread-out")).toFile());
    assertEquals(Set.of(), validate(log));
    JsonNode invocation = log.get("runs").get(0).get("invocations").get(0);
    assertFalse(invocation.get("executionSuccessful").asBoolean(), "an incomplete scan is not a successful execution");
    assertEquals("snap/broken.json:1:9: malformed JSON",
        invocation.get("toolExecutionNotifications").get(0).get("message").get("text").asText());
    JsonNode completeness = log.get("runs").get(0).get("properties").get("completeness");
    assertFalse(completeness.get("complete").asBoolean());
    assertEquals(1, completeness.get("problems").size());
  }

  @Test
  void liveCoveragePolicyDisagreementsAndLogEvidenceAreNotificationsAndTheLogStaysValid() throws Exception {
    JsonNode log = JSON.readTree(new SarifReportWriter().write(SampleScan.withLiveSections(assessment),
        dir.resolve("live")).toFile());
    assertEquals(Set.of(), validate(log));
    List<JsonNode> notes = new ArrayList<>();
    log.get("runs").get(0).get("invocations").get(0).get("toolExecutionNotifications").forEach(notes::add);
    List<JsonNode> coverage = notes.stream().filter(n -> n.path("properties").path("kind").asText().equals("coverage")).toList();
    assertEquals(4, coverage.size(), "two subscriptions and two kinds of read");
    assertEquals("note", coverage.get(0).get("level").asText(), "a completely read subscription");
    assertEquals("coverage: " + SampleScan.DENIED + " read denied: Resources: HTTP 403 AuthorizationFailed",
        coverage.get(1).get("message").get("text").asText());
    assertEquals("error", coverage.get(1).get("level").asText());
    assertEquals("denied", coverage.get(1).get("properties").get("status").asText());
    JsonNode policy = notes.stream().filter(n -> n.path("properties").path("kind").asText().equals("azurePolicy"))
        .findFirst().orElseThrow();
    assertEquals("Azure Policy disagrees on hipaa:164.312(e)(1): Attest PASS, Azure Policy NonCompliant",
        policy.get("message").get("text").asText());
    assertEquals(SampleScan.RG + "/providers/Microsoft.Storage/storageAccounts/good",
        policy.get("locations").get(0).get("logicalLocations").get(0).get("fullyQualifiedName").asText());
    List<String> evidence = notes.stream().filter(n -> n.path("properties").path("kind").asText().equals("logEvidence"))
        .map(n -> n.get("level").asText()).toList();
    assertEquals(List.of("note", "error"), evidence, "met, then not collected");
    JsonNode properties = log.get("runs").get(0).get("properties");
    assertEquals(2, properties.get("coverage").get("scopes").size());
    assertEquals(1, properties.get("azurePolicy").get("disagree").asInt());
    assertEquals(1, properties.get("logEvidence").get("not collected").asInt());
  }

  @Test
  void theSameAssessmentGivesTheSameBytes() throws Exception {
    Path again = new SarifReportWriter().write(assessment, dir.resolve("again"));
    assertArrayEquals(Files.readAllBytes(dir.resolve("out/findings.sarif")), Files.readAllBytes(again));
  }

  @Test
  void theDemoTenantsLogIsValidSarifWithEveryBundledRuleDescribed() throws Exception {
    RulePack pack = RulePackLoader.load(RulePackLoader.bundledRoot());
    Inventory inventory = new InventoryBuilder().read(new DemoTenantSource(JSON)).build();
    List<Finding> findings = new Engine(Map.of()).evaluate(pack.rules(), inventory);
    Assessment demo = new Assessor("9.9.9").assess(pack, inventory, findings, new Gate(Severity.HIGH, Set.of()));
    JsonNode log = JSON.readTree(new SarifReportWriter().write(demo, dir.resolve("demo")).toFile());
    assertEquals(Set.of(), validate(log));
    JsonNode rules = log.get("runs").get(0).get("tool").get("driver").get("rules");
    assertEquals(pack.rules().size(), rules.size());
    assertTrue(rules.get(0).get("help").get("markdown").asText().contains("```bicep\n"), rules.get(0).toString());
    assertEquals(findings.stream().filter(f -> f.status() == Status.FAIL).count(),
        log.get("runs").get(0).get("results").size());
  }

  @Test
  void aFindingsFileWithoutRuleMetadataStillDescribesEveryRule() throws Exception {
    Assessment bare = new Assessment(assessment.summary(), assessment.controls(), assessment.findings(),
        assessment.waivers(), assessment.attestations(), assessment.baseline(), List.of());
    JsonNode log = JSON.readTree(new SarifReportWriter().write(bare, dir.resolve("bare")).toFile());
    assertEquals(Set.of(), validate(log));
    JsonNode rules = log.get("runs").get(0).get("tool").get("driver").get("rules");
    assertEquals(3, rules.size());
    assertEquals("Storage account requires TLS 1.2 or later", rules.get(0).get("fullDescription").get("text").asText());
  }
}
