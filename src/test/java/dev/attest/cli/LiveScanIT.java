package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attest.inventory.ArmObject;
import dev.attest.inventory.DemoTenantSource;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.live.ArmEmulator;
import dev.attest.live.EmulatedTenant;
import dev.attest.live.LiveConnector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
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
   * The findings document without what names the source, and without what only a live
   * collection knows (its coverage and Azure Policy's opinion).
   */
  static String withoutSources(Path findings) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode doc = mapper.readTree(findings.toFile());
    ((ObjectNode) doc.get("summary").get("scope")).remove("sources");
    ((ObjectNode) doc.get("summary")).remove("coverage");
    ((ObjectNode) doc).remove("policy");
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
  }

  /**
   * The demo tenant as a live read gives it: without the five objects no rule reads (three
   * diagnostic settings, two master-database TDE objects) and with every subnet Resource Graph
   * embeds in its virtual network's row lifted out as an object (as ARM's subnet list returns them).
   */
  Path demoAsLiveReadsIt() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    List<ArmObject> objects = new ArrayList<>(new InventoryBuilder().read(new DemoTenantSource(mapper)).build().objects());
    Set<String> ids = new java.util.HashSet<>();
    objects.forEach(o -> ids.add(o.key()));
    Set<String> unread = Set.of("managedhsms/hsm-contoso-keys/providers/microsoft.insights/diagnosticsettings/send-to-security-law",
        "databases/master/transparentdataencryption/current");
    Path file = dir.resolve("demo-as-read.jsonl");
    List<String> lines = new ArrayList<>();
    for (ArmObject object : objects) {
      if (unread.stream().noneMatch(object.key()::endsWith)) {
        lines.add(mapper.writeValueAsString(object.body()));
      }
      if (object.typeKey().equals("microsoft.network/virtualnetworks")) {
        for (JsonNode subnet : object.body().path("properties").path("subnets")) {
          if (ids.add(subnet.get("id").asText().toLowerCase())) {
            lines.add(mapper.writeValueAsString(subnet));
          }
        }
      }
    }
    // A live scan lists every SQL server's firewall rules and records that it did (collectedChildren).
    for (ArmObject server : objects) {
      if (server.typeKey().equals("microsoft.sql/servers")) {
        long rules = objects.stream().filter(o -> o.typeKey().equals("microsoft.sql/servers/firewallrules")
            && o.key().startsWith(server.key() + "/")).count();
        lines.add(mapper.writeValueAsString(dev.attest.inventory.CollectionMarker.of(server.id(),
            "Microsoft.Sql/servers/firewallRules", true, (int) rules, null)));
      }
    }
    Files.write(file, lines);
    return file;
  }

  @Test
  void aLiveScanFindsWhatTheSameObjectsFindOfflineAndItsSavedSnapshotRescansByteForByte() throws Exception {
    Path expected = dir.resolve("expected");
    Path live = dir.resolve("live");
    Path saved = dir.resolve("saved");
    Cli offline = Cli.run("scan", "--snapshot", demoAsLiveReadsIt().toString(), "--out", expected.toString());
    Cli online = live(connector, "scan", "--management-group", EmulatedTenant.MANAGEMENT_GROUP, "--out", live.toString(),
        "--save-snapshot", saved.toString());
    assertEquals(1, offline.exit(), offline.toString());
    assertEquals(1, online.exit(), online.toString());
    assertFalse(online.err().contains("Exception"), online.err());
    assertEquals(withoutSources(expected.resolve("findings.json")), withoutSources(live.resolve("findings.json")));
    JsonNode sources = new ObjectMapper().readTree(live.resolve("findings.json").toFile()).get("summary").get("scope").get("sources");
    assertEquals("live Azure (" + emulator.baseUrl() + "): management group " + EmulatedTenant.MANAGEMENT_GROUP,
        sources.get(0).asText());
    JsonNode coverage = new ObjectMapper().readTree(live.resolve("coverage.json").toFile());
    coverage.get("scopes").forEach(scope -> assertEquals("COMPLETE", scope.get("status").asText(), scope.toString()));

    // Scanning the saved snapshot offline replays the live source, its coverage and Azure Policy's
    // states: the same findings, byte for byte, and the same exit code.
    Path rescan = dir.resolve("rescan");
    Cli again = Cli.run("scan", "--snapshot", saved.toString(), "--out", rescan.toString());
    assertEquals(online.exit(), again.exit(), again.toString());
    assertEquals("", again.err());
    assertEquals(Files.readString(live.resolve("findings.json")), Files.readString(rescan.resolve("findings.json")));
    assertTrue(Files.readString(rescan.resolve("findings.json")).contains("\"coverage\""));
  }

  @Test
  void aDeniedSubscriptionMakesTheScanIncompleteAndSoDoesARescanOfItsSnapshot() throws Exception {
    try (ArmEmulator denying = ArmEmulator.start(EmulatedTenant.demo()).deny(SUB2)) {
      Path saved = dir.resolve("saved");
      Path out = dir.resolve("live");
      Cli cli = live(connector, "scan", "--subscription", SUB1, "--subscription", SUB2, "--fail-on", "none",
          "--out", out.toString(), "--arm-endpoint", denying.baseUrl(), "--auth", "cli", "--save-snapshot", saved.toString(),
          "--format", "json,csv,junit,sarif,md");
      assertEquals(3, cli.exit(), cli.toString());
      assertTrue(cli.err().contains("live:/subscriptions/" + SUB2 + ": Resources: denied: HTTP 403 AuthorizationFailed"), cli.err());
      JsonNode summary = new ObjectMapper().readTree(out.resolve("findings.json").toFile()).get("summary");
      assertFalse(summary.get("completeness").get("complete").asBoolean());
      assertEquals(List.of(SUB1), new ObjectMapper().convertValue(summary.get("scope").get("subscriptions"), List.class));
      assertTrue(summary.get("findingsByStatus").get("FAIL").asInt() > 0, "the readable subscription is assessed");
      // Every CI format says which subscription was not read.
      String coverage = Files.readString(out.resolve("coverage.csv"));
      assertTrue(coverage.contains("\r\nscope," + SUB2 + ",denied,"), coverage);
      String junit = Files.readString(out.resolve("junit.xml"));
      assertTrue(junit.contains("<testcase classname=\"scope\" name=\"" + SUB2 + "\">"), junit.substring(0, 600));
      assertTrue(junit.contains("<error message=\"incomplete: "), "the completeness case is an error");
      JsonNode run = new ObjectMapper().readTree(out.resolve("findings.sarif").toFile()).get("runs").get(0);
      assertFalse(run.get("invocations").get(0).get("executionSuccessful").asBoolean());
      assertTrue(run.get("invocations").get(0).get("toolExecutionNotifications").toString()
          .contains("coverage: " + SUB2 + " read denied"), run.get("invocations").toString());
      assertTrue(Files.readString(out.resolve("summary.md")).contains("| " + SUB2 + " | denied |"));

      Path rescan = dir.resolve("rescan");
      Cli again = Cli.run("scan", "--snapshot", saved.toString(), "--fail-on", "none", "--out", rescan.toString());
      assertEquals(3, again.exit(), "a rescan of an incomplete scan is just as incomplete: " + again);
      assertEquals(Files.readString(out.resolve("findings.json")), Files.readString(rescan.resolve("findings.json")));
      assertEquals(cli.err().lines().filter(l -> l.startsWith("live:/")).toList(), again.err().lines().toList(),
          "the same problems are reported");
      Cli mixed = Cli.run("scan", "--snapshot", saved.toString(), "--demo", "--out", rescan.toString());
      assertEquals(2, mixed.exit(), mixed.toString());
    }
  }

  @Test
  void aBundleOfALiveScanHoldsItsCoverageAndItsSnapshotRescansToTheBundlesFindings() throws Exception {
    Path bundles = dir.resolve("bundles");
    Path out = dir.resolve("elsewhere");
    Files.createDirectories(out);
    Cli cli = live(connector, "scan", "--subscription", SUB1, "--bundle", "--format", "json", "--out", bundles.toString());
    assertEquals(1, cli.exit(), cli.toString());
    Path bundle;
    try (Stream<Path> list = Files.list(bundles)) {
      bundle = list.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    assertTrue(Files.isRegularFile(bundle.resolve("coverage.json")), "coverage.json is in the bundle");
    assertTrue(new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile()).toString().contains("coverage.json"),
        "and in its manifest");
    try (Stream<Path> list = Files.list(bundles)) {
      assertEquals(List.of(), list.filter(p -> p.getFileName().toString().equals("coverage.json")).toList(),
          "nothing is left beside the bundle");
    }
    Path rescan = dir.resolve("rescan");
    Cli again = Cli.run("scan", "--snapshot", bundle.resolve("snapshot").toString(), "--out", rescan.toString());
    assertEquals(1, again.exit(), again.toString());
    assertEquals(Files.readString(bundle.resolve("findings.json")), Files.readString(rescan.resolve("findings.json")));
    Cli verify = Cli.run("verify", bundle.toString(), "--allow-unsigned");
    assertEquals(0, verify.exit(), verify.toString());
  }

  @Test
  void anIdentityThatCanReadNoSubscriptionInScopeIsExit4WithWhatToDo() {
    String unknown = "9f9f9f9f-0000-4000-8000-000000000009";
    Cli missing = live(connector, "scan", "--subscription", unknown, "--out", dir.toString());
    assertEquals(4, missing.exit(), missing.toString());
    assertTrue(missing.err().contains("attest scan: the identity can read none of the 1 subscription(s) in scope ("
        + unknown + ": subscription: not visible to this identity (no read access, or no such subscription))"), missing.err());
    assertTrue(missing.err().contains("grant it the Reader role on each (az role assignment create --assignee <its object id> "
        + "--role Reader --scope /subscriptions/" + unknown + ")"), missing.err());
    try (ArmEmulator denying = ArmEmulator.start(EmulatedTenant.demo()).deny(SUB2)) {
      Cli denied = live(connector, "scan", "--subscription", SUB2, "--out", dir.toString(), "--arm-endpoint",
          denying.baseUrl(), "--auth", "cli");
      assertEquals(4, denied.exit(), denied.toString());
      assertTrue(denied.err().contains("read none of the 1 subscription(s) in scope (" + SUB2 + ": "), denied.err());
      assertTrue(denied.err().contains("HTTP 403 AuthorizationFailed"), denied.err());
    }
  }

  @Test
  void aRejectedTokenIsExit4WithWhatToDo() {
    try (ArmEmulator rejecting = ArmEmulator.start(EmulatedTenant.demo())
        .fail("/providers/Microsoft.ResourceGraph/resources", -1, 401, Map.of())) {
      Cli cli = live(connector, "scan", "--subscription", SUB1, "--out", dir.toString(), "--arm-endpoint",
          rejecting.baseUrl(), "--auth", "cli");
      assertEquals(4, cli.exit(), cli.toString());
      assertEquals("attest scan: Azure refused the token (HTTP 401 InvalidAuthenticationToken: The access token is invalid.); "
          + "sign in again for the tenant and cloud that hold the subscriptions (--tenant, --cloud): "
          + "run `az login` (and `az account set`) and retry", cli.err().lines().filter(l -> l.startsWith("attest")).findFirst()
              .orElse(cli.err()));
    }
  }

  @Test
  void everySubscriptionTheIdentityCanReadAndACloudAndTenantGiven() throws Exception {
    List<String> scopes = new java.util.concurrent.CopyOnWriteArrayList<>();
    LiveConnector recording = new LiveConnector(request -> {
      scopes.addAll(request.getScopes());
      return connector.credential().getToken(request);
    }, connector.httpClient());
    Cli cli = live(recording, "scan", "--all-subscriptions", "--cloud", "AzureUSGovernment", "--tenant",
        "72f988bf-0000-4000-8000-0000000000aa", "--out", dir.toString());
    assertEquals(1, cli.exit(), cli.toString());
    JsonNode scope = new ObjectMapper().readTree(dir.resolve("findings.json").toFile()).get("summary").get("scope");
    assertEquals(List.of(SUB1, SUB2), new ObjectMapper().convertValue(scope.get("subscriptions"), List.class));
    assertTrue(scope.get("sources").get(0).asText().endsWith("every readable subscription"), scope.toString());
    // The SDK's managers ask for {endpoint}/.default from an endpoint ending in '/', as for
    // https://management.core.windows.net//.default; either way no other cloud's audience is asked for.
    assertFalse(scopes.isEmpty());
    assertTrue(scopes.stream().allMatch(s -> s.startsWith(emulator.baseUrl()) && s.endsWith("/.default")),
        "an --arm-endpoint is also the token audience, whatever the cloud: " + scopes);
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
    Cli notAGuid = live(connector, "scan", "--subscription", "contoso-prod");
    assertEquals(2, notAGuid.exit(), notAGuid.toString());
    assertEquals("attest scan: --subscription contoso-prod: not a subscription id (a GUID such as "
        + "00000000-0000-0000-0000-000000000000; `az account list -o table` lists yours)\n", notAGuid.err());
    assertEquals(0, emulator.seen().stream().filter(s -> s.path().contains("contoso-prod")).count());
  }

  @Test
  void theHelpSaysScanReadsAzureLive() {
    Cli help = Cli.run("scan", "--help");
    assertEquals("Scan Azure live, or exported snapshots, and write HIPAA/HITRUST findings.",
        help.out().lines().findFirst().orElse(""), help.out());
    assertTrue(help.out().contains("Scan Azure live (--subscription, --management-group, --all-subscriptions)"), help.out());
  }
}
