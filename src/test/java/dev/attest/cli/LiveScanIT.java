package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attest.live.ArmEmulator;
import dev.attest.live.EmulatedTenant;
import dev.attest.live.LiveConnector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code attest scan} with a live scope, against the emulator serving the demo tenant. */
class LiveScanIT {
  static final String SUB1 = "1b2c3d4e-0000-4000-8000-000000000001";
  static final String SUB2 = "1b2c3d4e-0000-4000-8000-000000000002";
  static ArmEmulator emulator;
  static LiveConnector connector;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    emulator = ArmEmulator.start(EmulatedTenant.demo());
    connector = ArmEmulator.connector();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  /** Runs the CLI with the emulator's connector handed to {@code scan}. */
  static Cli live(LiveConnector with, String... args) {
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type == ScanCommand.class ? type.cast(new ScanCommand(with)) : CommandLine.defaultFactory().create(type);
      }
    };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--arm-endpoint")) {
      all.addAll(List.of("--arm-endpoint", emulator.baseUrl(), "--auth", "cli"));
    }
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), factory, all.toArray(String[]::new));
    return new Cli(exit, out.toString(), err.toString());
  }

  /**
   * The findings document without what names the source and the count of objects read: the live
   * scan reads only what the rules need, so it skips three diagnostic settings no rule looks at
   * (asserted below). Everything else must match byte for byte.
   */
  static String withoutSources(Path findings) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode doc = mapper.readTree(findings.toFile());
    ((ObjectNode) doc.get("summary").get("scope")).remove("sources");
    ((ObjectNode) doc.get("summary").get("scope")).remove("objects");
    // What only a live collection knows: its coverage and Azure Policy's opinion.
    ((ObjectNode) doc.get("summary")).remove("coverage");
    ((ObjectNode) doc).remove("policy");
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
  }

  @Test
  void aLiveScanOfTheEmulatedDemoTenantFindsExactlyWhatTheDemoScanFinds() throws Exception {
    Path demo = dir.resolve("demo");
    Path live = dir.resolve("live");
    Path saved = dir.resolve("saved");
    Cli offline = Cli.run("scan", "--demo", "--out", demo.toString());
    Cli online = live(connector, "scan", "--management-group", EmulatedTenant.MANAGEMENT_GROUP, "--out", live.toString(),
        "--save-snapshot", saved.toString());
    assertEquals(1, offline.exit(), offline.toString());
    assertEquals(1, online.exit(), online.toString());
    assertFalse(online.err().contains("Exception"), online.err());
    assertEquals(withoutSources(demo.resolve("findings.json")), withoutSources(live.resolve("findings.json")));
    assertEquals(objects(demo) - 1 + 2, objects(live),
        "all but the managed HSM's diagnostic setting no rule reads, plus the record of each SQL server's firewall-rule list");
    JsonNode sources = new ObjectMapper().readTree(live.resolve("findings.json").toFile()).get("summary").get("scope").get("sources");
    assertEquals("live Azure (" + emulator.baseUrl() + "): management group " + EmulatedTenant.MANAGEMENT_GROUP,
        sources.get(0).asText());
    JsonNode coverage = new ObjectMapper().readTree(live.resolve("coverage.json").toFile());
    coverage.get("scopes").forEach(scope -> assertEquals("COMPLETE", scope.get("status").asText(), scope.toString()));

    // The saved snapshot scans offline to the same findings: only the source's name differs, and
    // the live-only sections (coverage, Azure Policy's opinion) are absent offline.
    Path rescan = dir.resolve("rescan");
    Cli again = Cli.run("scan", "--snapshot", saved.toString(), "--out", rescan.toString());
    assertEquals(1, again.exit(), again.toString());
    assertEquals("", again.err());
    String liveSource = "live Azure (" + emulator.baseUrl() + "): management group " + EmulatedTenant.MANAGEMENT_GROUP;
    String snapshotSource = "snapshot " + saved;
    ObjectMapper mapper = new ObjectMapper();
    JsonNode liveDoc = mapper.readTree(Files.readString(live.resolve("findings.json")).replace(liveSource, snapshotSource));
    ((ObjectNode) liveDoc.get("summary")).remove("coverage");
    ((ObjectNode) liveDoc).remove("policy");
    assertEquals(liveDoc, mapper.readTree(rescan.resolve("findings.json").toFile()));
    JsonNode rescanned = mapper.readTree(rescan.resolve("findings.json").toFile());
    assertFalse(rescanned.get("summary").has("coverage"), "offline scans carry no coverage section");
    assertFalse(rescanned.has("policy") || rescanned.has("evidence"));
  }

  static int objects(Path out) throws Exception {
    return new ObjectMapper().readTree(out.resolve("findings.json").toFile()).get("summary").get("scope").get("objects").asInt();
  }

  @Test
  void aDeniedSubscriptionMakesTheScanIncompleteAndTheOtherIsStillAssessed() throws Exception {
    try (ArmEmulator denying = ArmEmulator.start(EmulatedTenant.demo()).deny(SUB2)) {
      Cli cli = live(connector, "scan", "--subscription", SUB1, "--subscription", SUB2, "--fail-on", "none",
          "--out", dir.toString(), "--arm-endpoint", denying.baseUrl(), "--auth", "cli",
          "--format", "json,csv,junit,sarif,md");
      assertEquals(3, cli.exit(), cli.toString());
      assertTrue(cli.err().contains("live:/subscriptions/" + SUB2 + ": Resources: denied: HTTP 403 AuthorizationFailed"), cli.err());
      JsonNode summary = new ObjectMapper().readTree(dir.resolve("findings.json").toFile()).get("summary");
      assertFalse(summary.get("completeness").get("complete").asBoolean());
      assertEquals(List.of(SUB1), new ObjectMapper().convertValue(summary.get("scope").get("subscriptions"), List.class));
      assertTrue(summary.get("findingsByStatus").get("FAIL").asInt() > 0, "the readable subscription is assessed");
      // Every CI format says which subscription was not read.
      String coverage = Files.readString(dir.resolve("coverage.csv"));
      assertTrue(coverage.contains("\r\nscope," + SUB2 + ",denied,"), coverage);
      String junit = Files.readString(dir.resolve("junit.xml"));
      assertTrue(junit.contains("<testcase classname=\"scope\" name=\"" + SUB2 + "\">"), junit.substring(0, 600));
      assertTrue(junit.contains("<error message=\"incomplete: "), "the completeness case is an error");
      JsonNode run = new ObjectMapper().readTree(dir.resolve("findings.sarif").toFile()).get("runs").get(0);
      assertFalse(run.get("invocations").get(0).get("executionSuccessful").asBoolean());
      assertTrue(run.get("invocations").get(0).get("toolExecutionNotifications").toString()
          .contains("coverage: " + SUB2 + " read denied"), run.get("invocations").toString());
      assertTrue(Files.readString(dir.resolve("summary.md")).contains("| " + SUB2 + " | denied |"));
    }
  }

  @Test
  void aCredentialThatCannotSignInIsExit4WithOneLine() {
    LiveConnector broken = new LiveConnector(request -> reactor.core.publisher.Mono.error(
        new com.azure.identity.CredentialUnavailableException("AzureCliCredential: Azure CLI not installed")),
        connector.httpClient());
    Cli cli = live(broken, "scan", "--subscription", SUB1, "--out", dir.toString());
    assertEquals(4, cli.exit(), cli.toString());
    assertEquals("attest scan: cannot sign in to Azure with --auth cli: AzureCliCredential: Azure CLI not installed; "
        + "run `az login` (and `az account set`) and retry\n", cli.err());
  }

  @Test
  void badLiveSettingsAreUsageErrors() {
    Cli http = live(connector, "scan", "--subscription", SUB1, "--arm-endpoint", "http://127.0.0.1:1/", "--auth", "cli");
    assertEquals(2, http.exit(), http.toString());
    assertTrue(http.err().contains("must be an https:// URL"), http.err());
    Cli cloud = live(connector, "scan", "--subscription", SUB1, "--cloud", "Mars");
    assertEquals(2, cloud.exit(), cloud.toString());
    assertTrue(cloud.err().contains("--cloud Mars: unknown cloud"), cloud.err());
    Cli save = Cli.run("scan", "--demo", "--save-snapshot", dir.toString());
    assertEquals(2, save.exit(), save.toString());
  }
}
