package dev.attest.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.TestPacks;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.inventory.InMemorySource;
import dev.attest.rules.Rule;
import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUB = "/subscriptions/00000000-0000-0000-0000-0000000000aa";
  private static final String RG = SUB + "/resourceGroups/rg";

  @TempDir
  Path dir;

  private Rule load(String assertYaml, String extra, String type) throws Exception {
    String rule = TestPacks.rule("AZ-TST-0001", type, assertYaml, extra);
    TestPacks.write(dir, Map.of("t/AZ-TST-0001.yaml", rule, "t/AZ-TST-0001.fixtures.yaml", "[]"));
    RulePack pack = RulePackLoader.load(dir);
    assertTrue(pack.valid(), () -> pack.problems().toString());
    return pack.rules().get(0);
  }

  private static Inventory inventory(String... objects) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String object : objects) {
      nodes.add(JSON.readTree(object));
    }
    return new InventoryBuilder().read(new InMemorySource("test", nodes)).build();
  }

  private static Finding run(Rule rule, Inventory inventory, String id) {
    return new Engine(Map.of()).evaluate(rule, inventory.get(id), inventory);
  }

  private static String storage(String tls) {
    String property = tls == null ? "" : "\"minimumTlsVersion\": \"" + tls + "\"";
    return "{\"id\":\"" + RG + "/providers/Microsoft.Storage/storageAccounts/st1\","
        + "\"type\":\"Microsoft.Storage/storageAccounts\",\"name\":\"st1\",\"properties\":{" + property + "}}";
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"TLS1_0,FAIL", "TLS1_1,FAIL", "TLS1_2,PASS", "Tls12,PASS", "TLSv1.2,PASS", "1.2,PASS", "1.3,PASS",
      "TLS 1.3,PASS", "Tls,FAIL", "Tls11,FAIL", "None,FAIL", "Disabled,FAIL", "TLSv1_2,PASS", "1.0,FAIL"})
  void tlsSpellingsCompareAsVersions(String spelling, String expected) throws Exception {
    Rule rule = load("field: properties.minimumTlsVersion\nversionAtLeast: \"1.2\"\n", null,
        "Microsoft.Storage/storageAccounts");
    Finding finding = run(rule, inventory(storage(spelling)), RG + "/providers/Microsoft.Storage/storageAccounts/st1");
    assertEquals(Status.valueOf(expected), finding.status(), finding.message());
  }

  @Test
  void missingPropertyFailsUnlessTheApiDefaultIsDeclared() throws Exception {
    Rule strict = load("field: properties.minimumTlsVersion\nversionAtLeast: \"1.2\"\n", null,
        "Microsoft.Storage/storageAccounts");
    String id = RG + "/providers/Microsoft.Storage/storageAccounts/st1";
    Finding absent = run(strict, inventory(storage(null)), id);
    assertEquals(Status.FAIL, absent.status());
    assertTrue(absent.message().contains("properties.minimumTlsVersion = absent"), absent.message());

    Rule withDefault = load("field: properties.minimumTlsVersion\nifMissing: TLS1_0\nversionAtLeast: \"1.2\"\n", null,
        "Microsoft.Storage/storageAccounts");
    Finding defaulted = run(withDefault, inventory(storage(null)), id);
    assertEquals(Status.FAIL, defaulted.status());
    assertEquals("absent; the API default TLS1_0 applies", defaulted.evidence().get(0).note());
  }

  @Test
  void typesAndPropertyNamesCompareCaseInsensitively() throws Exception {
    Rule rule = load("field: properties.MinimumTlsVersion\nequals: tls1_2\n", null, "Microsoft.Storage/storageAccounts");
    String lower = "{\"id\":\"" + RG.toLowerCase() + "/providers/microsoft.storage/storageaccounts/st1\","
        + "\"type\":\"microsoft.storage/storageaccounts\",\"name\":\"st1\",\"properties\":{\"minimumTlsVersion\":\"TLS1_2\"}}";
    Inventory inventory = inventory(lower);
    assertEquals(1, inventory.ofType("Microsoft.Storage/storageAccounts").size());
    assertEquals(Status.PASS, run(rule, inventory, RG + "/providers/Microsoft.Storage/storageAccounts/ST1").status());
  }

  private static String nsg(String rulesJson) {
    return "{\"id\":\"" + RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg1\","
        + "\"type\":\"Microsoft.Network/networkSecurityGroups\",\"name\":\"nsg1\",\"properties\":{\"securityRules\":["
        + rulesJson + "]}}";
  }

  private static String nsgRule(String name, int priority, String access, String source, String ports) {
    return "{\"name\":\"" + name + "\",\"properties\":{\"priority\":" + priority + ",\"access\":\"" + access
        + "\",\"direction\":\"Inbound\",\"protocol\":\"Tcp\"," + source + "," + ports + "}}";
  }

  private Finding nsgFinding(String rulesJson) throws Exception {
    Rule rule = load("compute: nsgInternetExposedPorts\nargs: { ports: [22, 3389] }\nequals: []\n", null,
        "Microsoft.Network/networkSecurityGroups");
    return run(rule, inventory(nsg(rulesJson)), RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg1");
  }

  @Test
  void nsgPortRangesPrefixArraysAndPortArraysExposeManagementPorts() throws Exception {
    assertEquals(Status.FAIL, nsgFinding(nsgRule("ssh", 100, "Allow", "\"sourceAddressPrefix\":\"*\"",
        "\"destinationPortRange\":\"22\"")).status());
    assertEquals(Status.FAIL, nsgFinding(nsgRule("range", 100, "Allow", "\"sourceAddressPrefix\":\"Internet\"",
        "\"destinationPortRange\":\"20-25\"")).status());
    assertEquals(Status.FAIL, nsgFinding(nsgRule("arrays", 100, "Allow",
        "\"sourceAddressPrefixes\":[\"10.0.0.0/8\",\"0.0.0.0/0\"]",
        "\"destinationPortRanges\":[\"80\",\"3380-3390\"]")).status());
    assertEquals(Status.PASS, nsgFinding(nsgRule("private", 100, "Allow", "\"sourceAddressPrefix\":\"10.0.0.0/8\"",
        "\"destinationPortRange\":\"*\"")).status());
    assertEquals(Status.PASS, nsgFinding(nsgRule("web", 100, "Allow", "\"sourceAddressPrefix\":\"*\"",
        "\"destinationPortRanges\":[\"80\",\"443\"]")).status());
  }

  @Test
  void aHigherPriorityDenyShadowsALaterAllow() throws Exception {
    Finding shadowed = nsgFinding(nsgRule("deny-mgmt", 100, "Deny", "\"sourceAddressPrefix\":\"*\"",
        "\"destinationPortRanges\":[\"22\",\"3389\"]") + ","
        + nsgRule("allow-all", 200, "Allow", "\"sourceAddressPrefix\":\"Internet\"", "\"destinationPortRange\":\"*\""));
    assertEquals(Status.PASS, shadowed.status(), shadowed.message());
    Finding notShadowed = nsgFinding(nsgRule("deny-rdp", 300, "Deny", "\"sourceAddressPrefix\":\"*\"",
        "\"destinationPortRange\":\"3389\"") + ","
        + nsgRule("allow-all", 200, "Allow", "\"sourceAddressPrefix\":\"Internet\"", "\"destinationPortRange\":\"*\""));
    assertEquals(Status.FAIL, notShadowed.status());
    assertTrue(notShadowed.evidence().get(0).note().contains("allow-all (priority 200)"), notShadowed.message());
    Finding partialDeny = nsgFinding(nsgRule("deny-ssh", 100, "Deny", "\"sourceAddressPrefix\":\"*\"",
        "\"destinationPortRange\":\"22\"") + ","
        + nsgRule("allow-range", 200, "Allow", "\"sourceAddressPrefix\":\"*\"", "\"destinationPortRange\":\"20-3400\""));
    assertEquals(Status.FAIL, partialDeny.status(), "3389 stays open");
    assertEquals("[\"3389\"]", partialDeny.evidence().get(0).observed().toString());
  }

  @Test
  void nsgWithoutCapturedRulesIsAnErrorNotAPass() throws Exception {
    Rule rule = load("compute: nsgInternetExposedPorts\nargs: { ports: [22] }\nequals: []\n", null,
        "Microsoft.Network/networkSecurityGroups");
    Inventory inventory = inventory("{\"id\":\"" + RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg1\","
        + "\"type\":\"Microsoft.Network/networkSecurityGroups\",\"properties\":{}}");
    Finding finding = run(rule, inventory, RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg1");
    assertEquals(Status.ERROR, finding.status());
  }

  @Test
  void countWithWhereBindsTheCurrentElement() throws Exception {
    Rule rule = load("""
        count:
          field: properties.securityRules[*]
          where:
            allOf:
              - field: properties.securityRules[*].properties.access
                equals: Allow
              - field: properties.securityRules[*].properties.sourceAddressPrefix
                internetSource: true
        equals: 0
        """, null, "Microsoft.Network/networkSecurityGroups");
    String id = RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg1";
    Finding bad = run(rule, inventory(nsg(nsgRule("open", 100, "Allow", "\"sourceAddressPrefix\":\"Any\"",
        "\"destinationPortRange\":\"443\""))), id);
    assertEquals(Status.FAIL, bad.status());
    assertTrue(bad.evidence().get(0).note().contains("matched: open"));
    Finding good = run(rule, inventory(nsg(nsgRule("closed", 100, "Deny", "\"sourceAddressPrefix\":\"Any\"",
        "\"destinationPortRange\":\"443\""))), id);
    assertEquals(Status.PASS, good.status());
  }

  @Test
  void relatedExtensionsAreCountedWithTheirOwnFields() throws Exception {
    Rule rule = load("""
        count:
          related: extensions
          type: Microsoft.Insights/diagnosticSettings
          where:
            allOf:
              - field: properties.workspaceId
                exists: true
              - count:
                  field: properties.logs[*]
                  where:
                    allOf:
                      - field: properties.logs[*].enabled
                        equals: true
                      - field: properties.logs[*].categoryGroup
                        in: [audit, allLogs]
                greater: 0
        greaterOrEquals: 1
        """, null, "Microsoft.KeyVault/vaults");
    String vault = RG + "/providers/Microsoft.KeyVault/vaults/kv1";
    String vaultJson = "{\"id\":\"" + vault + "\",\"type\":\"Microsoft.KeyVault/vaults\",\"properties\":{}}";
    String metricsOnly = "{\"id\":\"" + vault + "/providers/Microsoft.Insights/diagnosticSettings/metrics\","
        + "\"type\":\"Microsoft.Insights/diagnosticSettings\",\"properties\":{\"workspaceId\":\"" + RG
        + "/providers/Microsoft.OperationalInsights/workspaces/law\",\"logs\":[],\"metrics\":[{\"enabled\":true}]}}";
    Finding fail = run(rule, inventory(vaultJson, metricsOnly), vault);
    assertEquals(Status.FAIL, fail.status());
    assertTrue(fail.evidence().get(0).note().contains("examined: " + vault + "/providers/Microsoft.Insights"));
    String audit = metricsOnly.replace("/metrics\"", "/audit\"").replace("\"logs\":[]",
        "\"logs\":[{\"categoryGroup\":\"audit\",\"enabled\":true}]");
    assertEquals(Status.PASS, run(rule, inventory(vaultJson, audit), vault).status());
  }

  @Test
  void referrersFollowIdsHeldInProperties() throws Exception {
    Rule rule = load("""
        count:
          related: referrers
          type: Microsoft.Network/privateEndpoints
        greater: 0
        """, null, "Microsoft.Storage/storageAccounts");
    String st = RG + "/providers/Microsoft.Storage/storageAccounts/st1";
    String pe = "{\"id\":\"" + RG + "/providers/Microsoft.Network/privateEndpoints/pe1\","
        + "\"type\":\"Microsoft.Network/privateEndpoints\",\"properties\":{\"privateLinkServiceConnections\":"
        + "[{\"properties\":{\"privateLinkServiceId\":\"" + st.toUpperCase() + "\"}}]}}";
    assertEquals(Status.PASS, run(rule, inventory(storage("TLS1_2"), pe), st).status());
    assertEquals(Status.FAIL, run(rule, inventory(storage("TLS1_2")), st).status());
  }

  @Test
  void aTypeMismatchIsAnErrorNeverAPass() throws Exception {
    Rule rule = load("field: properties.retentionInDays\ngreaterOrEquals: 365\n", null,
        "Microsoft.OperationalInsights/workspaces");
    String id = RG + "/providers/Microsoft.OperationalInsights/workspaces/law";
    Finding finding = run(rule, inventory("{\"id\":\"" + id + "\",\"type\":\"Microsoft.OperationalInsights/workspaces\","
        + "\"properties\":{\"retentionInDays\":{\"value\":30}}}"), id);
    assertEquals(Status.ERROR, finding.status());
  }

  @Test
  void parametersDefaultAndOverride() throws Exception {
    Rule rule = load("field: properties.retentionInDays\ngreaterOrEquals: \"[parameters('days')]\"\n",
        "parameters:\n  days: { type: integer, default: 365 }\n", "Microsoft.OperationalInsights/workspaces");
    String id = RG + "/providers/Microsoft.OperationalInsights/workspaces/law";
    Inventory inventory = inventory("{\"id\":\"" + id + "\",\"type\":\"Microsoft.OperationalInsights/workspaces\","
        + "\"properties\":{\"retentionInDays\":90}}");
    assertEquals(Status.FAIL, new Engine(Map.of()).evaluate(rule, inventory.get(id), inventory).status());
    assertEquals(Status.PASS, new Engine(Map.of(rule.id(), Map.of("days", JSON.valueToTree(90))))
        .evaluate(rule, inventory.get(id), inventory).status());
  }

  @Test
  void wildcardOutsideCountMeansEveryElement() throws Exception {
    Rule rule = load("field: properties.ipRules[*].action\nequals: Allow\n", null, "Microsoft.Storage/storageAccounts");
    String id = RG + "/providers/Microsoft.Storage/storageAccounts/st1";
    String base = "{\"id\":\"" + id + "\",\"type\":\"Microsoft.Storage/storageAccounts\",\"properties\":{\"ipRules\":";
    assertEquals(Status.PASS, run(rule, inventory(base + "[{\"action\":\"Allow\"},{\"action\":\"allow\"}]}}"), id).status());
    assertEquals(Status.FAIL, run(rule, inventory(base + "[{\"action\":\"Allow\"},{\"action\":\"Deny\"}]}}"), id).status());
  }

  @Test
  void findingIdsAreTheFirstEightBytesOfTheSha256OfRuleAndLowerCasedResource() throws Exception {
    for (String resource : List.of("/subscriptions/A/resourceGroups/RG/providers/X/y/Name", "/subscriptions/a/resourceGroups/Ärzte-İ")) {
      byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(
          ("AZ-STG-0001|" + resource.toLowerCase(java.util.Locale.ROOT)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertEquals("AZ-STG-0001-" + java.util.HexFormat.of().formatHex(sha, 0, 8), Engine.findingId("AZ-STG-0001", resource));
    }
  }

  @Test
  void findingIdsAreStableAndCaseInsensitiveOnTheResource() {
    assertEquals(Engine.findingId("AZ-STG-0001", "/subscriptions/A/x"), Engine.findingId("AZ-STG-0001", "/SUBSCRIPTIONS/a/X"));
    assertTrue(Engine.findingId("AZ-STG-0001", "/subscriptions/a").startsWith("AZ-STG-0001-"));
  }
}
