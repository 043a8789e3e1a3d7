package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.live.ArmEmulator;
import dev.attest.live.EmulatedTenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a live scan collects besides the inventory, through the real SDK clients against the
 * emulator: coverage in the findings, Azure Policy's states set beside Attest's findings, and log
 * evidence from Log Analytics; every read that fails is "not collected", never a pass.
 */
class LiveCollectionIT {
  static final String SUB1 = LiveScanIT.SUB1;
  static final String SUB2 = LiveScanIT.SUB2;
  static final String NSG = "/resourceGroups/%s/providers/Microsoft.Network/networkSecurityGroups/%s";
  static final String PACS = "/subscriptions/" + SUB1 + NSG.formatted("rg-legacy-imaging", "nsg-pacs-gateway");
  static final String APP = "/subscriptions/" + SUB1 + NSG.formatted("rg-clinical-network", "nsg-snet-app");
  static final String SANDBOX = "/subscriptions/" + SUB2 + NSG.formatted("rg-dev-sandbox", "nsg-dev-sandbox");
  /** A HITRUST/HIPAA initiative group: HITRUST CSF requirement 0809, control 01.n. */
  static final String GROUP_01N = "hipaa-0809.01n2Organizational.1234-01.n";
  /** The customer id (query id) of law-contoso-security in SUB2. */
  static final String WS1 = "3f2e1d0c-0000-4000-8000-0000000001a1";

  @TempDir
  Path dir;

  static ArmEmulator withPolicy() {
    return ArmEmulator.start(EmulatedTenant.demo()).policyPageSize(2)
        .policyState(PACS, "22730e10-96f6-4aac-ad84-9383d35b5917", "NonCompliant", GROUP_01N)
        .policyState(APP, "9daedab3-fb2d-461e-b861-71790eead4f6", "NonCompliant", GROUP_01N)
        .policyState(APP, "e71308d3-144b-4262-b144-efdc3cc90517", "Compliant", GROUP_01N)
        .policyState(SANDBOX, "9daedab3-fb2d-461e-b861-71790eead4f6", "Compliant", GROUP_01N, "not-a-catalog-group")
        .exemption(SUB1, "ex-legacy-pacs");
  }

  Cli scan(ArmEmulator emulator, String... extra) {
    List<String> args = new ArrayList<>(List.of("scan", "--subscription", SUB1, "--subscription", SUB2, "--fail-on", "none",
        "--format", "json,md", "--out", dir.toString(), "--arm-endpoint", emulator.baseUrl(), "--auth", "cli",
        "--logs-endpoint", emulator.baseUrl() + "v1"));
    args.addAll(List.of(extra));
    return LiveScanIT.live(ArmEmulator.connector(), args.toArray(String[]::new));
  }

  JsonNode findings() throws Exception {
    return new ObjectMapper().readTree(dir.resolve("findings.json").toFile());
  }

  static JsonNode control(JsonNode doc, String id) {
    for (JsonNode c : doc.get("controls")) {
      if (c.get("id").asText().equals(id)) {
        return c;
      }
    }
    throw new AssertionError("no control " + id);
  }

  @Test
  void azurePolicyStatesAreSetBesideTheFindingsPerControlAndResource() throws Exception {
    try (ArmEmulator emulator = withPolicy()) {
      Cli cli = scan(emulator);
      assertEquals(0, cli.exit(), cli.toString());
      JsonNode doc = findings();
      JsonNode coverage = doc.get("summary").get("coverage");
      assertEquals(2, coverage.get("scopes").size());
      coverage.get("scopes").forEach(s -> assertEquals("complete", s.get("status").asText(), s.toString()));
      assertEquals(2, coverage.get("reads").get("policy states").get("complete").asInt());
      assertEquals(2, coverage.get("reads").get("Resources").get("complete").asInt());
      // Three states in SUB1 at two a page: two queryResults calls, the second by @odata.nextLink.
      assertEquals(2, emulator.count("/subscriptions/" + SUB1 + "/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults"));

      JsonNode policy = control(doc, "hitrust:01.n").get("policy");
      assertEquals(1, policy.get("compliant").asInt(), policy.toString());
      assertEquals(2, policy.get("nonCompliant").asInt(), "non-compliant under any definition wins: " + policy);
      assertEquals(1, policy.get("agree").asInt(), "nsg-pacs-gateway fails in both");
      JsonNode disagreements = policy.get("disagreements");
      assertEquals(2, disagreements.size(), disagreements.toString());
      assertEquals(APP, disagreements.get(0).get("resourceId").asText());
      assertEquals("PASS", disagreements.get(0).get("attestStatus").asText());
      assertEquals("NonCompliant", disagreements.get(0).get("policyState").asText());
      assertEquals("[\"9daedab3-fb2d-461e-b861-71790eead4f6\"]", disagreements.get(0).get("policyDefinitions").toString());
      assertEquals(SANDBOX, disagreements.get(1).get("resourceId").asText());
      assertEquals("FAIL", disagreements.get(1).get("attestStatus").asText());
      assertEquals("Compliant", disagreements.get(1).get("policyState").asText());
      assertFalse(control(doc, "hitrust:01.b").has("policy"), "controls Policy said nothing about carry no opinion");

      JsonNode overview = doc.get("policy");
      assertEquals("collected", overview.get("status").asText());
      assertEquals(1, overview.get("exemptions").asInt());
      assertEquals(1, overview.get("agree").asInt());
      assertEquals(2, overview.get("disagree").asInt());
      assertEquals(1, overview.get("initiatives").size());
      assertEquals(1, overview.get("initiatives").get(0).get("compliant").asInt());
      assertEquals(2, overview.get("initiatives").get(0).get("nonCompliant").asInt());

      assertTrue(cli.out().contains("Coverage:   complete 2 scope(s)"), cli.out());
      assertTrue(cli.out().contains("Azure Policy: collected; 1 agree, 2 disagree with Attest, 1 exemption(s)"), cli.out());
      String md = Files.readString(dir.resolve("summary.md"));
      assertTrue(md.indexOf("## Coverage") < md.indexOf("## Findings"), "coverage comes first");
      assertTrue(md.contains("| hitrust:01.n | /subscriptions/" + SUB2), md);
      // The saved findings read back (every format renders from them).
      Cli report = Cli.run("report", dir.resolve("findings.json").toString(), "--format", "md",
          "--out", dir.resolve("again").toString());
      assertEquals(0, report.exit(), report.toString());
    }
  }

  @Test
  void aPolicyReadThatIsRefusedIsNotCollectedAndMakesTheScanIncomplete() throws Exception {
    try (ArmEmulator emulator = withPolicy().fail("/subscriptions/" + SUB2 + "/providers/Microsoft\\.PolicyInsights/", -1, 403, Map.of())) {
      Cli cli = scan(emulator);
      assertEquals(3, cli.exit(), cli.toString());
      assertTrue(cli.err().contains("live:/subscriptions/" + SUB2 + ": policy states: denied: HTTP 403 AuthorizationFailed"), cli.err());
      JsonNode doc = findings();
      JsonNode reads = doc.get("summary").get("coverage").get("reads").get("policy states");
      assertEquals(1, reads.get("complete").asInt());
      assertEquals(1, reads.get("denied").asInt());
      JsonNode sub2 = doc.get("summary").get("coverage").get("scopes").get(1);
      assertEquals(SUB2, sub2.get("id").asText());
      assertEquals("partial", sub2.get("status").asText());
      assertTrue(sub2.get("reason").asText().startsWith("policy states: HTTP 403"), sub2.toString());
      assertEquals("partial", doc.get("policy").get("status").asText());
      JsonNode policy = control(doc, "hitrust:01.n").get("policy");
      assertEquals(0, policy.get("compliant").asInt(), "SUB2's sandbox NSG was not read, so it is not compliant: " + policy);
      assertEquals(1, policy.get("disagreements").size());
      assertFalse(doc.get("summary").get("completeness").get("complete").asBoolean());
    }
  }

  @Test
  void logEvidenceIsCollectedBoundedAndAMissingTableIsNotCollected() throws Exception {
    List<List<String>> activity = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      activity.add(List.of("2026-08-01T10:%02d:00Z".formatted(i), "admin@contoso.example", "MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE"));
    }
    try (ArmEmulator emulator = ArmEmulator.start(EmulatedTenant.demo())
        .logTable(WS1, "AzureActivity", List.of("TimeGenerated", "Caller", "OperationNameValue"), activity)
        .logTable(WS1, "AzureDiagnostics", List.of("Resource", "OperationName", "Operations"), List.of())) {
      Cli cli = scan(emulator, "--no-policy-states", "--period", "2026-Q3");
      assertEquals(3, cli.exit(), "queries not collected make the scan incomplete: " + cli);
      JsonNode doc = findings();
      assertFalse(doc.has("policy"), "--no-policy-states reads no policy states");
      JsonNode evidence = doc.get("evidence");
      assertEquals(8, evidence.size(), "4 queries x 2 workspaces: " + evidence);
      Map<String, JsonNode> ws1 = new java.util.TreeMap<>();
      for (JsonNode e : evidence) {
        if (e.get("workspace").asText().endsWith("/law-contoso-security")) {
          ws1.put(e.get("id").asText(), e);
        }
      }
      assertEquals(4, ws1.size(), evidence.toString());
      JsonNode roles = ws1.get("EV-IAM-0001");
      assertEquals("met", roles.get("status").asText(), roles.toString());
      assertEquals(51, roles.get("rows").asInt(), "counted to one past the 50 kept");
      assertTrue(roles.get("truncated").asBoolean());
      assertEquals(50, roles.get("sample").size());
      assertEquals("[\"TimeGenerated\",\"Caller\",\"OperationNameValue\"]", roles.get("columns").toString());
      assertEquals("2026-07-01..2026-09-30", roles.get("period").asText());
      JsonNode keyVault = ws1.get("EV-KV-0001");
      assertEquals("not met", keyVault.get("status").asText(), "rows > 0 with no rows: " + keyVault);
      JsonNode signIns = ws1.get("EV-IAM-0002");
      assertEquals("not collected", signIns.get("status").asText());
      assertEquals("table SigninLogs does not exist in the workspace", signIns.get("reason").asText());
      assertEquals("2026-09-01..2026-09-30", signIns.get("period").asText(), "P30D: the last 30 days of the period");
      assertFalse(signIns.has("rows"), "no row count for what was not collected");
      long notCollected = 0;
      for (JsonNode e : evidence) {
        notCollected += e.get("status").asText().equals("not collected") ? 1 : 0;
      }
      assertEquals(5, notCollected, "SigninLogs in the first workspace, every query in the second");
      JsonNode reads = doc.get("summary").get("coverage").get("reads").get("log queries");
      assertEquals(2, reads.get("partial").asInt() + reads.get("failed").asInt(), reads.toString());
      assertEquals(8, emulator.count("/v1/workspaces/"));
      assertTrue(cli.out().contains("Evidence:   met 2, not collected 5, not met 1"), cli.out());
    }
  }

  @Test
  void aBadPeriodIsAUsageError() {
    try (ArmEmulator emulator = ArmEmulator.start(EmulatedTenant.demo())) {
      Cli cli = scan(emulator, "--period", "Q3-2026");
      assertEquals(2, cli.exit(), cli.toString());
      assertEquals("attest scan: --period Q3-2026: expected a quarter (2026-Q3) or dates (2026-07-01..2026-09-30)\n", cli.err());
    }
  }

  static final String DISK = "/subscriptions/" + SUB1
      + "/resourceGroups/rg-clinical-compute/providers/Microsoft.Compute/disks/vm-hl7-engine-01_OsDisk_1";

  @Test
  void policyStatesAreAskedForTheComplianceInitiativesAndAgreementsExemptionsAndUnjudgedResourcesAreListed()
      throws Exception {
    try (ArmEmulator emulator = withPolicy()
        .initiativeState("1f3afdf9-d0c9-4c3d-847f-89da613e70a8", "Security Center", PACS, "other-definition", "Compliant",
            GROUP_01N)
        .policyState(DISK, "0a914e76-4921-4c19-b460-a2d36003525a", "NonCompliant", GROUP_01N)
        .exemption(PACS, "ex-pacs-vendor", "Waiver", "2026-12-31T00:00:00Z", "Vendor access until the PACS is replaced")) {
      Cli cli = scan(emulator);
      assertEquals(0, cli.exit(), cli.toString());
      String asked = emulator.seen().stream().filter(r -> r.path().contains("policyStates/latest/queryResults"))
          .map(ArmEmulator.Seen::path).findFirst().orElseThrow();
      String query = java.net.URLDecoder.decode(asked, java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(query.contains("$filter=policySetDefinitionName eq 'a169a624-5599-4385-a696-c8d643089fab' or "
          + "policySetDefinitionCategory eq 'Regulatory Compliance'"), query);
      assertTrue(query.contains("$select=resourceId,policyAssignmentId,policySetDefinitionId,policyDefinitionId,"
          + "complianceState,policyDefinitionGroupNames"), query);
      JsonNode doc = findings();
      JsonNode overview = doc.get("policy");
      assertEquals(1, overview.get("initiatives").size(), "the Security Center initiative was not asked for: " + overview);
      assertTrue(overview.get("filter").asText().startsWith("policySetDefinitionName eq"), overview.toString());
      assertEquals(2, overview.get("exemptions").asInt());
      // Sorted by id: the subscription's own exemption, then the one on the NSG.
      assertEquals("/subscriptions/" + SUB1, overview.get("exemptionDetails").get(0).get("scope").asText());
      JsonNode waiver = overview.get("exemptionDetails").get(1);
      assertEquals(PACS + "/providers/Microsoft.Authorization/policyExemptions/ex-pacs-vendor", waiver.get("id").asText());
      assertEquals(PACS, waiver.get("scope").asText());
      assertEquals("Waiver", waiver.get("category").asText());
      assertEquals("2026-12-31T00:00:00Z", waiver.get("expiresOn").asText());
      assertTrue(waiver.get("policyAssignmentId").asText().endsWith("/policyAssignments/a169a624-5599-4385-a696-c8d643089fab"));
      JsonNode policy = control(doc, "hitrust:01.n").get("policy");
      assertEquals(1, policy.get("agree").asInt());
      assertEquals(PACS, policy.get("agreements").get(0).get("resourceId").asText());
      assertEquals("FAIL", policy.get("agreements").get(0).get("attestStatus").asText());
      assertEquals("NonCompliant", policy.get("agreements").get(0).get("policyState").asText());
      assertEquals(1, policy.get("nonCompliantNotJudged").asInt(), "the disk: no rule of 01.n judges disks: " + policy);
      assertEquals(DISK, policy.get("notJudged").get(0).get("resourceId").asText());
      assertEquals(1, overview.get("nonCompliantNotJudged").asInt());
    }
  }

  @Test
  void secretsInLogRowsAndPolicyDataAreRedactedBeforeTheFindingsOrTheSavedSnapshot() throws Exception {
    List<List<String>> rows = List.of(
        List.of("2026-08-01T10:00:00Z", "https://stcontoso.blob.core.windows.net/exports/ehr.csv?sv=2022-11-02&sig=AbCdEf0123%3D",
            "ordinary"),
        List.of("2026-08-02T10:00:00Z", "Server=tcp:sql-contoso;Database=ehr;User ID=app;Password=hunter2;", "ordinary"),
        List.of("2026-08-03T10:00:00Z", "admin@contoso.example", "plain-but-named-a-secret"));
    Path saved = dir.resolve("saved");
    try (ArmEmulator emulator = withPolicy()
        .exemption(PACS, "ex-pacs-vendor", "Waiver", null, "Vendor jump host; Password=Winter2026!")
        .logTable(WS1, "AzureActivity", List.of("TimeGenerated", "Caller", "ClientSecret"), rows)) {
      Cli cli = scan(emulator, "--period", "2026-Q3", "--save-snapshot", saved.toString());
      assertEquals(3, cli.exit(), "other evidence is not collected: " + cli);
      for (Path file : List.of(dir.resolve("findings.json"), saved.resolve("evidence.json"), saved.resolve("policy.json"),
          saved.resolve("inventory.jsonl"))) {
        String text = Files.readString(file);
        for (String secret : List.of("sig=AbCdEf0123", "hunter2", "Winter2026", "plain-but-named-a-secret")) {
          assertFalse(text.contains(secret), secret + " in " + file);
        }
      }
      JsonNode roles = null;
      for (JsonNode e : findings().get("evidence")) {
        if (e.get("id").asText().equals("EV-IAM-0001") && e.get("workspace").asText().endsWith("/law-contoso-security")) {
          roles = e;
        }
      }
      // The SAS URL and the connection string by their shape; the ClientSecret column by its name, whatever it holds.
      assertEquals("[\"2026-08-01T10:00:00Z\",\"[REDACTED]\",\"[REDACTED]\"]", roles.get("sample").get(0).toString());
      assertEquals("[\"2026-08-02T10:00:00Z\",\"[REDACTED]\",\"[REDACTED]\"]", roles.get("sample").get(1).toString());
      assertEquals("[\"2026-08-03T10:00:00Z\",\"admin@contoso.example\",\"[REDACTED]\"]", roles.get("sample").get(2).toString());
      JsonNode exemptions = findings().get("policy").get("exemptionDetails");
      assertEquals("[REDACTED]", exemptions.get(1).get("displayName").asText(), exemptions.toString());
    }
  }

  @Test
  void withAPeriodAndNoWorkspaceInScopeEveryEvidenceQueryIsNotCollectedAndTheScanIncomplete() throws Exception {
    try (ArmEmulator emulator = ArmEmulator.start(EmulatedTenant.demo())) {
      List<String> args = new ArrayList<>(List.of("scan", "--subscription", SUB1, "--fail-on", "none", "--out",
          dir.toString(), "--arm-endpoint", emulator.baseUrl(), "--auth", "cli", "--logs-endpoint", emulator.baseUrl() + "v1",
          "--no-policy-states", "--period", "2026-Q3"));
      Cli cli = LiveScanIT.live(ArmEmulator.connector(), args.toArray(String[]::new));
      assertEquals(3, cli.exit(), cli.toString());
      assertTrue(cli.err().contains("live:log analytics: log queries: failed: no Log Analytics workspace in scope: 4 "
          + "evidence query(ies) not collected; add the subscription that holds the workspace(s) to the scope, or leave out "
          + "--period"), cli.err());
      JsonNode doc = findings();
      assertEquals(4, doc.get("evidence").size());
      for (JsonNode e : doc.get("evidence")) {
        assertEquals("not collected", e.get("status").asText(), e.toString());
        assertEquals("no Log Analytics workspace in scope", e.get("reason").asText());
        assertFalse(e.has("workspace"));
      }
      JsonNode logs = doc.get("summary").get("coverage").get("scopes").get(1);
      assertEquals("log analytics", logs.get("id").asText(), doc.get("summary").get("coverage").toString());
      assertEquals("failed", logs.get("status").asText());
      assertEquals(0, emulator.count("/v1/workspaces/"));
    }
  }

  @Test
  void logQueriesAskForATokenForTheLogsEndpointItself() throws Exception {
    List<String> scopes = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (ArmEmulator emulator = ArmEmulator.start(EmulatedTenant.demo())) {
      dev.attest.live.LiveConnector base = ArmEmulator.connector();
      dev.attest.live.LiveConnector recording = new dev.attest.live.LiveConnector(request -> {
        scopes.addAll(request.getScopes());
        return base.credential().getToken(request);
      }, base.httpClient());
      List<String> args = List.of("scan", "--subscription", SUB2, "--fail-on", "none", "--out", dir.toString(),
          "--arm-endpoint", emulator.baseUrl(), "--auth", "cli", "--logs-endpoint", emulator.baseUrl() + "v1",
          "--no-policy-states", "--period", "2026-Q3");
      LiveScanIT.live(recording, args.toArray(String[]::new));
    }
    // azure-monitor-query 1.5.2 asks for https://{host of the endpoint}/.default: for AzureUSGovernment's
    // https://api.loganalytics.us/v1 that is https://api.loganalytics.us/.default.
    assertTrue(scopes.contains("https://127.0.0.1/.default"), scopes.toString());
  }
}
