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
}
