package dev.attest.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.TestPacks;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.AssessmentInputs;
import dev.attest.assessment.Assessor;
import dev.attest.assessment.Gate;
import dev.attest.engine.Engine;
import dev.attest.engine.Finding;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.inventory.SnapshotSource;
import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
import dev.attest.rules.Severity;
import dev.attest.waivers.WaiverRegister;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small real scan for report tests: a three-rule pack and a snapshot of storage accounts, one
 * of them named with markup, quotes and a formula, another starting with a formula trigger, one
 * with CJK and a control character, so every outcome but WAIVED occurs (ERROR comes from a
 * subscription rule whose subscription object is not in the snapshot).
 */
public final class SampleScan {
  public static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";
  public static final String RG = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg";
  public static final String HOSTILE = "<script>alert(1)</script>\"=cmd|' /C calc'!A0";
  public static final String FORMULA = "=1+2";
  public static final String UNICODE = "診療\u0007データ";

  private static final String TLS = """
      id: AZ-TST-0001
      name: Test.Storage.MinimumTls
      title: Storage account requires TLS 1.2 or later
      severity: high
      area: tls
      resourceType: Microsoft.Storage/storageAccounts
      description: Checks the minimum TLS version the storage account accepts.
      rationale: Older TLS versions are broken.
      remediation:
        text: Set the minimum TLS version to 1.2.
        az: az storage account update -g <rg> -n <account> --min-tls-version TLS1_2
      references:
        - https://learn.microsoft.com/en-us/azure/storage/common/transport-layer-security-configure-minimum-version
      controls: ["hipaa:164.312(e)(1)"]
      assert:
        field: properties.minimumTlsVersion
        ifMissing: TLS1_0
        versionAtLeast: "1.2"
      """;
  private static final String PUBLIC = """
      id: AZ-TST-0002
      name: Test.Storage.BlobPublicAccess
      title: Storage account disallows anonymous blob access
      severity: low
      area: private-access
      resourceType: Microsoft.Storage/storageAccounts
      description: Checks that anonymous blob access is off on general-purpose accounts.
      rationale: Anonymous access exposes data.
      remediation:
        text: Disallow blob public access.
      controls: ["hipaa:164.312(a)(1)"]
      where: { field: kind, equals: StorageV2 }
      assert:
        field: properties.allowBlobPublicAccess
        equals: false
      """;
  private static final String SUBSCRIPTION_RULE = """
      id: AZ-TST-0003
      name: Test.Subscription.Tagged
      title: Subscription carries an owner tag
      severity: medium
      area: logging
      resourceType: Microsoft.Resources/subscriptions
      description: Checks the subscription's owner tag.
      rationale: Someone must own it.
      remediation:
        text: Tag the subscription.
      controls: ["hipaa:164.312(b)"]
      assert:
        field: tags.owner
        exists: true
      """;

  private SampleScan() {}

  /** Writes the pack and snapshot under {@code dir}; returns the pack folder. */
  public static Path writePack(Path dir) throws IOException {
    return TestPacks.write(dir.resolve("pack"), Map.of(
        "t/AZ-TST-0001.yaml", TLS, "t/AZ-TST-0001.fixtures.yaml", "[]",
        "t/AZ-TST-0002.yaml", PUBLIC, "t/AZ-TST-0002.fixtures.yaml", "[]",
        "t/AZ-TST-0003.yaml", SUBSCRIPTION_RULE, "t/AZ-TST-0003.fixtures.yaml", "[]"));
  }

  /** Writes the snapshot under {@code dir}; returns its folder. */
  public static Path writeSnapshot(Path dir) throws IOException {
    Path snapshot = Files.createDirectories(dir.resolve("snap"));
    ObjectMapper json = new ObjectMapper();
    List<Map<String, Object>> objects = List.of(
        storage("good", "StorageV2", "TLS1_2", false),
        storage("old", "StorageV2", "TLS1_0", false),
        storage(HOSTILE, "StorageV2", "TLS1_0", true),
        storage(FORMULA, "StorageV2", "TLS1_0", false),
        storage(UNICODE, "BlobStorage", "TLS1_2", true));
    Files.writeString(snapshot.resolve("storage.json"), json.writeValueAsString(objects));
    return snapshot;
  }

  private static Map<String, Object> storage(String name, String kind, String tls, boolean open) {
    return Map.of("id", RG + "/providers/Microsoft.Storage/storageAccounts/" + name,
        "type", "Microsoft.Storage/storageAccounts", "name", name, "kind", kind,
        "properties", Map.of("minimumTlsVersion", tls, "allowBlobPublicAccess", open));
  }

  /** Scans the sample through the real loader, inventory, engine and assessor. */
  public static Assessment assess(Path dir) throws IOException {
    return assess(dir, AssessmentInputs.none());
  }

  private static Assessment assess(Path dir, AssessmentInputs inputs) throws IOException {
    return assess(dir, inputs, new Gate(Severity.HIGH, Set.of()));
  }

  /** The sample assessed with these inputs under this gate. */
  public static Assessment assess(Path dir, AssessmentInputs inputs, Gate gate) throws IOException {
    RulePack pack = RulePackLoader.load(writePack(dir));
    assertTrue(pack.valid(), () -> pack.problems().toString());
    Inventory inventory = new InventoryBuilder()
        .read(new SnapshotSource(List.of(writeSnapshot(dir)), new ObjectMapper())).build();
    List<Finding> findings = new Engine(Map.of()).evaluate(pack.rules(), inventory);
    return new Assessor("9.9.9").assess(pack, inventory, findings, gate, inputs);
  }

  /**
   * The sample scanned with a waiver register (as of 2026-11-01) whose one waiver accepts the
   * AZ-TST-0001 failure on "old", so that finding is WAIVED.
   */
  public static Assessment assessWithWaiver(Path dir, String justification) throws IOException {
    Path file = Files.createDirectories(dir).resolve("waivers.yaml");
    Files.writeString(file, """
        waivers:
          - id: WVR-TEST-001
            rules: [AZ-TST-0001]
            resources: ["/subscriptions/*/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/old"]
            category: risk-accepted
            justification: "%s"
            approver: Security Officer
            ticket: SEC-1
            expires: 2027-01-31
        """.formatted(justification));
    WaiverRegister register = WaiverRegister.read(file);
    assertTrue(register.problems().isEmpty(), () -> register.problems().toString());
    return assess(dir, new AssessmentInputs(register.waivers(), List.of(), LocalDate.of(2026, 11, 1), null));
  }

  /** A waiver register of one waiver on AZ-TST-0001 "old" that expired on 2026-01-31. */
  public static java.util.List<dev.attest.waivers.Waiver> expiredWaiver(Path dir) throws IOException {
    Path file = Files.createDirectories(dir).resolve("expired.yaml");
    Files.writeString(file, """
        waivers:
          - id: WVR-LAPSED
            rules: [AZ-TST-0001]
            resources: ["/subscriptions/*/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/old"]
            category: waiver
            justification: Lapsed.
            approver: Security Officer
            expires: 2026-01-31
        """);
    WaiverRegister register = WaiverRegister.read(file);
    assertTrue(register.problems().isEmpty(), () -> register.problems().toString());
    return register.waivers();
  }

  /**
   * A baseline of the sample in which the AZ-TST-0001 failure on {@code name} did not exist yet,
   * so that it is new and the other failures are still open.
   */
  public static dev.attest.baseline.FindingsSnapshot baselineWithout(Path dir, String name) throws IOException {
    Assessment before = assess(dir.resolve("baseline"));
    Finding gone = finding(before, "AZ-TST-0001", name);
    dev.attest.baseline.FindingsSnapshot all = dev.attest.baseline.FindingsSnapshot.of("q3.json", before);
    java.util.Map<String, dev.attest.baseline.FindingsSnapshot.Entry> findings = new java.util.LinkedHashMap<>(all.findings());
    findings.remove(gone.id());
    return new dev.attest.baseline.FindingsSnapshot(all.source(), findings, all.controls(), all.waivers(), null);
  }

  /** The subscription a live scan of the sample could not read. */
  public static final String DENIED = "00000000-0000-0000-0000-0000000000bb";
  /** A resource Azure Policy finds non-compliant under hipaa:164.312(e)(1) and no rule of the sample judges, named with markup. */
  public static final String UNJUDGED = RG + "/providers/Microsoft.Network/networkSecurityGroups/<img src=x onerror=alert(4)>";
  /** The filter a live scan asks Policy Insights with by default (quotes included, to be escaped). */
  public static final String POLICY_FILTER = "policySetDefinitionName eq 'a169a624-5599-4385-a696-c8d643089fab' or "
      + "policySetDefinitionCategory eq 'Regulatory Compliance'";
  /** The one policy exemption of the live sample: a waiver on the resource group, named with markup, expired. */
  public static final String EXEMPTION = RG + "/providers/Microsoft.Authorization/policyExemptions/ex-vendor";
  public static final String EXEMPTION_NAME = "<b>Vendor</b> access & \"legacy\" TLS";
  public static final String ASSIGNMENT = "/subscriptions/" + SUBSCRIPTION
      + "/providers/Microsoft.Authorization/policyAssignments/hitrust-hipaa";

  /**
   * The assessment as a live scan would have made it: coverage with a readable and a denied
   * subscription, Azure Policy's opinion under hipaa:164.312(e)(1) (it agrees on "old" and on the
   * formula-named account, disagrees on "good", and finds {@link #UNJUDGED} non-compliant where
   * no rule judged it), asked with {@link #POLICY_FILTER}, one exemption ({@link #EXEMPTION}), and
   * log evidence of which one query was met and one not collected.
   */
  public static Assessment withLiveSections(Assessment a) {
    dev.attest.assessment.Summary s = a.summary();
    dev.attest.assessment.CollectionCoverage coverage = new dev.attest.assessment.CollectionCoverage(List.of(
        new dev.attest.assessment.CollectionCoverage.Scope(SUBSCRIPTION, "complete", null),
        new dev.attest.assessment.CollectionCoverage.Scope(DENIED, "denied", "Resources: HTTP 403 AuthorizationFailed")),
        Map.of("Resources", Map.of("complete", 1, "denied", 1), "policy states", Map.of("complete", 1, "failed", 1)));
    dev.attest.assessment.Summary live = new dev.attest.assessment.Summary(s.tool(), s.rulePack(), s.scope(), coverage,
        s.findingsByStatus(), s.failuresBySeverity(), s.findingsByArea(), s.controlsByStatus(), s.controlsByCoverage(),
        s.completeness(), s.gate(), "2026-11-01", s.waiversByState(), s.attestationsByState(), s.baseline());
    String accounts = RG + "/providers/Microsoft.Storage/storageAccounts/";
    dev.attest.policy.ControlPolicy opinion = new dev.attest.policy.ControlPolicy(0, 4, 0, 2, List.of(
        new dev.attest.policy.ControlPolicy.Agreement(accounts + FORMULA, "FAIL", "NonCompliant"),
        new dev.attest.policy.ControlPolicy.Agreement(accounts + "old", "FAIL", "NonCompliant")), List.of(
        new dev.attest.policy.ControlPolicy.Disagreement(accounts + "good", "PASS", "NonCompliant", List.of("def-tls"))), 1,
        List.of(new dev.attest.policy.ControlPolicy.NotJudged(UNJUDGED, List.of("def-nsg-<flow>"))));
    List<dev.attest.assessment.ControlResult> controls = a.controls().stream()
        .map(c -> !c.id().equals("hipaa:164.312(e)(1)") ? c : c.withPolicy(opinion)).toList();
    dev.attest.policy.PolicyOverview policy = new dev.attest.policy.PolicyOverview("partial",
        "policy states: HTTP 500 for " + DENIED, POLICY_FILTER, List.of(), 1, List.of(new dev.attest.policy.Exemption(
            EXEMPTION, "ex-vendor", EXEMPTION_NAME, RG, "Waiver", "2026-09-30T00:00:00Z", ASSIGNMENT,
            List.of("ref-tls"))), 2, 1, 1);
    List<dev.attest.evidence.EvidenceResult> evidence = List.of(
        new dev.attest.evidence.EvidenceResult("EV-SIGNIN", "Sign-ins are logged", List.of("hipaa:164.312(b)"),
            "law-clinical", "2026-Q3", "at least 1 row", "met", null, 12L, false, null, null),
        new dev.attest.evidence.EvidenceResult("EV-ACCESS", "Data-plane access is logged", List.of("hipaa:164.312(b)"),
            "law-clinical", "2026-Q3", "at least 1 row", "not collected", "table StorageBlobLogs does not exist",
            null, null, null, null));
    return new Assessment(live, controls, a.findings(), a.waivers(), a.attestations(), a.baseline(), a.rules(), policy,
        evidence);
  }

  /** The finding of a rule on the sample resource with this name. */
  public static Finding finding(Assessment assessment, String ruleId, String name) {
    return assessment.findings().stream()
        .filter(f -> f.ruleId().equals(ruleId) && name.equals(f.resourceName())).findFirst().orElseThrow();
  }
}
