package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.TestPacks;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan --bundle}, {@code bundle}, {@code verify} and {@code keygen} through the real CLI. */
class BundleCommandIT {
  private static final String RG = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg";
  /** The secret part of every seeded secret: none of these may appear in any file of a bundle. */
  private static final List<String> SECRETS = List.of("SYNTHETICsasSIG123", "U1lOVEhFVElDa2V5MTIz",
      "Synth3tic-Passw0rd", "MIIsyntheticPEMbody", "eyJzdWIiOiJzeW50aGV0aWMifQ", "Adm1n-Synthetic-Secret",
      "SyntheticRedisSecret", "Synthetic-DbPass-7", "SyntheticApiKey-8", "SyntheticSecureEnv-9", "SyntheticEnvToken-10",
      "U3ludGhldGljU3RvcmFnZUtleU1hdGVyaWFs", "ghp_SyntheticGitHubToken0123456789abcd", "SyntheticWebhookPath11",
      "SyntheticPublishPass12", "QmFzZTY0VmFsdWVPbmx5U3lu");

  @TempDir
  Path dir;
  Path pack;
  Path snapshot;
  Path keys;

  @BeforeEach
  void setUp() throws Exception {
    pack = TestPacks.write(dir.resolve("pack"), Map.of(
        "t/AZ-TST-0001.yaml", TestPacks.rule("AZ-TST-0001", "Microsoft.Storage/storageAccounts",
            "field: properties.minimumTlsVersion\nequals: TLS1_2\n", null),
        "t/AZ-TST-0001.fixtures.yaml", """
            - name: tls12
              expect: pass
              resource: {id: /subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a, type: Microsoft.Storage/storageAccounts, properties: {minimumTlsVersion: TLS1_2}}
            - name: tls10
              expect: fail
              resource: {id: /subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a, type: Microsoft.Storage/storageAccounts, properties: {minimumTlsVersion: TLS1_0}}
            """,
        "t/AZ-TST-0002.yaml", TestPacks.rule("AZ-TST-0002", "Microsoft.Web/sites",
            "count:\n  field: properties.siteConfig.connectionStrings[*]\nequals: 0\n", null).replace("severity: high", "severity: low"),
        "t/AZ-TST-0002.fixtures.yaml", """
            - name: none
              expect: pass
              resource: {id: /subscriptions/s/resourceGroups/r/providers/Microsoft.Web/sites/a, type: Microsoft.Web/sites, properties: {siteConfig: {connectionStrings: []}}}
            - name: some
              expect: fail
              resource: {id: /subscriptions/s/resourceGroups/r/providers/Microsoft.Web/sites/a, type: Microsoft.Web/sites, properties: {siteConfig: {connectionStrings: [{name: db, connectionString: x}]}}}
            """));
    snapshot = Files.createDirectories(dir.resolve("snap"));
    Files.writeString(snapshot.resolve("storage.json"), """
        [{"id": "%1$s/providers/Microsoft.Storage/storageAccounts/good", "type": "Microsoft.Storage/storageAccounts",
          "name": "good", "properties": {"minimumTlsVersion": "TLS1_2",
            "exportUri": "https://good.blob.core.windows.net/c/x.bak?sv=2022-11-02&sp=r&sig=SYNTHETICsasSIG123"}},
         {"id": "%1$s/providers/Microsoft.Storage/storageAccounts/old", "type": "Microsoft.Storage/storageAccounts",
          "name": "old", "properties": {"minimumTlsVersion": "TLS1_0",
            "keys": [{"keyName": "key1", "value": "DefaultEndpointsProtocol=https;AccountName=old;AccountKey=U1lOVEhFVElDa2V5MTIz"}]}}]
        """.formatted(RG));
    Files.writeString(snapshot.resolve("web.jsonl"), """
        {"id": "%1$s/providers/Microsoft.Web/sites/portal", "type": "Microsoft.Web/sites", "name": "portal", "properties": {"siteConfig": {"connectionStrings": [{"name": "ClinicalDb", "type": "SQLAzure", "connectionString": "Server=tcp:sql.database.windows.net;Database=c;User ID=app;Password=Synth3tic-Passw0rd;"}], "appSettings": [{"name": "JWT", "value": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzeW50aGV0aWMifQ.c2ln"}, {"name": "CACHE", "value": "cache.redis.cache.windows.net:6380,password=SyntheticRedisSecret,ssl=True"}]}}}
        {"id": "%1$s/providers/Microsoft.Web/sites/portal/config/appsettings", "type": "Microsoft.Web/sites/config", "name": "appsettings", "properties": {"appSettings": [{"name": "DB_PASSWORD", "value": "Synthetic-DbPass-7", "slotSetting": false}, {"name": "API_KEY", "value": "SyntheticApiKey-8"}, {"name": "REGION", "value": "eastus"}, {"name": "SHARE", "value": "QmFzZTY0VmFsdWVPbmx5U3ludGhldGljS2V5TWF0ZXJpYWxGb3JUaGVSZWRhY3Rpb25UZXN0T2ZBdHRlc3QhIQ=="}], "scmUri": "https://$portal:SyntheticPublishPass12@portal.scm.azurewebsites.net", "alerts": "https://hooks.slack.com/services/T0/B0/SyntheticWebhookPath11"}}
        {"id": "%1$s/providers/Microsoft.ContainerInstance/containerGroups/cg1", "type": "Microsoft.ContainerInstance/containerGroups", "name": "cg1", "properties": {"containers": [{"name": "app", "properties": {"environmentVariables": [{"name": "CONNECTION", "secureValue": "SyntheticSecureEnv-9"}, {"name": "ADMIN_TOKEN", "value": "SyntheticEnvToken-10"}]}}], "volumes": [{"name": "share", "azureFile": {"shareName": "s", "storageAccountName": "old", "storageKey": "U3ludGhldGljU3RvcmFnZUtleU1hdGVyaWFsU3ludGhldGljU3RvcmFnZUtleU1hdGVyaWFsU3ludGhldGljU3RvcmFnZUtleU1hdGVyaWFsMDE=="}}], "imageRegistryCredentials": [{"server": "ghcr.io", "username": "bot", "note": "ghp_SyntheticGitHubToken0123456789abcdefAB"}]}}
        {"id": "%1$s/providers/Microsoft.Compute/virtualMachines/vm1", "type": "Microsoft.Compute/virtualMachines", "name": "vm1", "properties": {"osProfile": {"adminUsername": "azureuser", "adminPassword": "Adm1n-Synthetic-Secret", "customData": "-----BEGIN RSA PRIVATE KEY-----\\nMIIsyntheticPEMbody\\n-----END RSA PRIVATE KEY-----"}}}
        """.formatted(RG));
    // An unreadable file: the scan is incomplete, and the bundle's provenance must replay that.
    Files.writeString(snapshot.resolve("broken.json"), "[{\"id\": ");
    keys = dir.resolve("keys");
    assertEquals(0, Cli.run("keygen", "--out", keys.toString()).exit());
  }

  private Cli scanBundle(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("scan", "--rules", pack.toString(), "--snapshot", snapshot.toString(),
        "--bundle", "--out", out.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  static Path onlyBundle(Path out) throws Exception {
    try (Stream<Path> list = Files.list(out)) {
      List<Path> folders = list.filter(Files::isDirectory).toList();
      assertEquals(1, folders.size(), folders.toString());
      return folders.get(0);
    }
  }

  @Test
  void rescanningTheBundlesOwnSnapshotAndRulesReproducesItsFindingsByteForByte() throws Exception {
    Cli scan = scanBundle(dir.resolve("out"), "--sign-key", keys.resolve("attest-signing.key").toString(),
        "--fail-on", "critical", "--fail-on-control", "hipaa:164.312(e)(1)", "--period", "2025-Q1");
    assertEquals(1, scan.exit(), "the gated control fails: " + scan);
    Path bundle = onlyBundle(dir.resolve("out"));
    assertTrue(bundle.getFileName().toString().startsWith("00000000-0000-0000-0000-0000000000aa-"), bundle.toString());
    assertTrue(scan.out().contains("Signed with key SHA256:"), scan.out());
    JsonNode findings = new ObjectMapper().readTree(bundle.resolve("findings.json").toFile());
    assertFalse(findings.get("summary").get("completeness").get("complete").asBoolean(), "broken.json was recorded");

    Cli rescan = Cli.run("scan", "--snapshot", bundle.resolve("snapshot").toString(), "--rules",
        bundle.resolve("rules").toString(), "--config", bundle.resolve("scan-config.yaml").toString(),
        "--out", dir.resolve("rescan").toString());
    assertEquals(scan.exit(), rescan.exit(), rescan.toString());
    assertArrayEquals(Files.readAllBytes(bundle.resolve("findings.json")),
        Files.readAllBytes(dir.resolve("rescan/findings.json")));
  }

  @Test
  void withDefaultSettingsThePlainRescanCommandReproducesTheFindings() throws Exception {
    scanBundle(dir.resolve("out"));
    Path bundle = onlyBundle(dir.resolve("out"));
    Cli rescan = Cli.run("scan", "--snapshot", bundle.resolve("snapshot").toString(), "--rules",
        bundle.resolve("rules").toString(), "--out", dir.resolve("rescan").toString());
    assertArrayEquals(Files.readAllBytes(bundle.resolve("findings.json")),
        Files.readAllBytes(dir.resolve("rescan/findings.json")), rescan.toString());
  }

  @Test
  void theWaiverRegisterAndItsDayTravelWithTheBundleAndReproduce() throws Exception {
    Path waivers = Files.writeString(dir.resolve("waivers.yaml"), """
        waivers:
          - id: WVR-1
            rules: [AZ-TST-0001]
            category: waiver
            justification: Synthetic test waiver.
            approver: Privacy Officer
            expires: 2027-01-31
        """);
    scanBundle(dir.resolve("out"), "--waivers", waivers.toString(), "--as-of", "2026-11-01");
    Path bundle = onlyBundle(dir.resolve("out"));
    String reproduce = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile()).get("reproduce").asText();
    assertEquals("attest scan --snapshot snapshot --rules rules --config scan-config.yaml "
        + "--waivers inputs/waivers/waivers.yaml --as-of 2026-11-01", reproduce);
    List<String> args = new ArrayList<>();
    for (String arg : reproduce.substring("attest ".length()).split(" ")) {
      args.add(arg.contains("/") || arg.equals("snapshot") || arg.equals("rules") || arg.endsWith(".yaml")
          ? bundle.resolve(arg).toString() : arg);
    }
    args.addAll(List.of("--out", dir.resolve("rescan").toString()));
    Cli rescan = Cli.run(args.toArray(String[]::new));
    assertTrue(Files.readString(bundle.resolve("findings.json")).contains("\"WAIVED\""), "the waiver applied");
    assertArrayEquals(Files.readAllBytes(bundle.resolve("findings.json")),
        Files.readAllBytes(dir.resolve("rescan/findings.json")), rescan.toString());
  }

  @Test
  void attestationEvidenceAndTheBaselineTravelWithTheBundleAndReproduce() throws Exception {
    Files.createDirectories(dir.resolve("registers/evidence"));
    Files.writeString(dir.resolve("registers/evidence/risk-analysis.pdf"), "%PDF-1.4 synthetic");
    Path attestations = Files.writeString(dir.resolve("registers/attestations.yaml"), """
        attestations:
          - id: ATT-1
            controls: ["hipaa:164.308(a)(1)(ii)(A)"]
            statement: Risk analysis completed.
            owner: CISO
            date: 2026-09-30
            evidence:
              - file: evidence/risk-analysis.pdf
        """);
    Cli first = Cli.run("scan", "--rules", pack.toString(), "--snapshot", snapshot.toString(), "--out",
        dir.resolve("baseline").toString());
    scanBundle(dir.resolve("out"), "--attestations", attestations.toString(), "--as-of", "2026-11-01",
        "--baseline", dir.resolve("baseline/findings.json").toString());
    Path bundle = onlyBundle(dir.resolve("out"));
    assertArrayEquals(Files.readAllBytes(dir.resolve("registers/evidence/risk-analysis.pdf")),
        Files.readAllBytes(bundle.resolve("inputs/attestations/evidence/risk-analysis.pdf")));
    assertArrayEquals(Files.readAllBytes(dir.resolve("baseline/findings.json")),
        Files.readAllBytes(bundle.resolve("inputs/baseline/findings.json")), first.toString());
    String reproduce = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile()).get("reproduce").asText();
    assertTrue(reproduce.endsWith("--attestations inputs/attestations/attestations.yaml "
        + "--baseline inputs/baseline/findings.json --as-of 2026-11-01"), reproduce);
    List<String> args = new ArrayList<>();
    for (String arg : reproduce.substring("attest ".length()).split(" ")) {
      args.add(arg.contains("/") || arg.equals("snapshot") || arg.equals("rules") || arg.endsWith(".yaml")
          ? bundle.resolve(arg).toString() : arg);
    }
    args.addAll(List.of("--out", dir.resolve("rescan").toString()));
    Cli rescan = Cli.run(args.toArray(String[]::new));
    String findings = Files.readString(bundle.resolve("findings.json"));
    assertTrue(findings.contains("\"attested\""), "the attestation applied");
    assertTrue(findings.contains("\"baseline\" : {") || findings.contains("\"baseline\": {"), "compared with the baseline");
    assertArrayEquals(Files.readAllBytes(bundle.resolve("findings.json")),
        Files.readAllBytes(dir.resolve("rescan/findings.json")), rescan.toString());
    assertEquals(0, Cli.run("verify", bundle.toString(), "--allow-unsigned").exit());
  }

  @Test
  void noByteOfASeededSecretReachesAnyFileOfTheBundleOrItsZip() throws Exception {
    Cli scan = scanBundle(dir.resolve("out"), "--sign-key", keys.resolve("attest-signing.key").toString());
    Path bundle = onlyBundle(dir.resolve("out"));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(bundle)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertTrue(files.size() > 8, files.toString());
    for (Path file : files) {
      assertNoSecret(file.toString(), Files.readAllBytes(file));
    }
    Path zip = bundle.resolveSibling(bundle.getFileName() + ".zip");
    assertNoSecret(zip.toString(), Files.readAllBytes(zip));
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      for (ZipEntry entry : Collections.list(archive.entries())) {
        assertNoSecret(entry.getName(), archive.getInputStream(entry).readAllBytes());
      }
    }
    assertNoSecret("stdout", scan.out().getBytes(StandardCharsets.UTF_8));
    assertNoSecret("stderr", scan.err().getBytes(StandardCharsets.UTF_8));
    String objects = Files.readString(bundle.resolve("snapshot/objects.jsonl"));
    assertTrue(objects.contains("\"connectionString\":\"[REDACTED]\""), objects);
    assertTrue(objects.contains("\"adminUsername\":\"azureuser\""), "only secrets are redacted");
    assertTrue(objects.contains("{\"name\":\"DB_PASSWORD\",\"value\":\"[REDACTED]\""), objects);
    assertTrue(objects.contains("{\"name\":\"REGION\",\"value\":\"eastus\"}"), "ordinary settings stay");
    assertTrue(objects.contains("\"storageAccountName\":\"old\""), objects);
  }

  private static void assertNoSecret(String where, byte[] content) {
    String text = new String(content, StandardCharsets.ISO_8859_1);
    for (String secret : SECRETS) {
      assertFalse(text.contains(secret), where + " contains " + secret);
    }
  }

  @Test
  void verifyExitsZeroOnlyForAnIntactBundleAndNamesWhatIsWrong() throws Exception {
    scanBundle(dir.resolve("out"), "--sign-key", keys.resolve("attest-signing.key").toString());
    Path bundle = onlyBundle(dir.resolve("out"));
    Path zip = bundle.resolveSibling(bundle.getFileName() + ".zip");
    String trusted = keys.resolve("attest-signing.pub").toString();

    Cli ok = Cli.run("verify", zip.toString(), "--trusted-key", trusted);
    assertEquals(0, ok.exit(), ok.toString());
    assertTrue(ok.out().contains("attest verify: OK: "), ok.out());

    Files.writeString(bundle.resolve("scan-config.yaml"), "failOn: none\n");
    Cli changed = Cli.run("verify", bundle.toString(), "--trusted-key", trusted);
    assertEquals(5, changed.exit(), changed.toString());
    assertTrue(changed.out().startsWith("changed: scan-config.yaml (sha256 "), changed.out());
    assertTrue(changed.out().contains("attest verify: FAILED: " + bundle + ": 1 problem(s)"), changed.out());

    Path otherKeys = dir.resolve("other");
    Cli.run("keygen", "--out", otherKeys.toString());
    Cli otherKey = Cli.run("verify", zip.toString(), "--trusted-key", otherKeys.resolve("attest-signing.pub").toString());
    assertEquals(5, otherKey.exit(), otherKey.toString());
    assertTrue(otherKey.out().startsWith("signature: made by another key"), otherKey.out());

    Cli missing = Cli.run("verify", dir.resolve("nope").toString());
    assertEquals(2, missing.exit());
    assertEquals("attest verify: " + dir.resolve("nope") + " does not exist", missing.err().strip());
    Cli badKey = Cli.run("verify", zip.toString(), "--trusted-key", keys.resolve("attest-signing.key").toString());
    assertEquals(2, badKey.exit(), badKey.toString());
    assertTrue(badKey.err().contains("no '-----BEGIN PUBLIC KEY-----' block"), badKey.err());
  }

  @Test
  void anUnsignedBundleSaysSoAndVerifiesOnlyWithAllowUnsigned() throws Exception {
    Cli scan = scanBundle(dir.resolve("out"));
    assertTrue(scan.out().contains("Unsigned: no --sign-key or $ATTEST_SIGN_KEY"), scan.out());
    Path bundle = onlyBundle(dir.resolve("out"));
    assertEquals(5, Cli.run("verify", bundle.toString()).exit());
    assertEquals(0, Cli.run("verify", bundle.toString(), "--allow-unsigned").exit());
  }

  @Test
  void keygenPrintsTheFingerprintAndNeverOverwrites() throws Exception {
    Cli again = Cli.run("keygen", "--out", keys.toString());
    assertEquals(2, again.exit());
    assertTrue(again.err().contains("already exists; not overwritten"), again.err());
    Path fresh = dir.resolve("fresh");
    Cli keygen = Cli.run("keygen", "--out", fresh.toString());
    String fingerprint = dev.attest.bundle.SigningKeys.fingerprint(
        dev.attest.bundle.SigningKeys.readPublic(fresh.resolve("attest-signing.pub")));
    assertTrue(keygen.out().contains("Fingerprint " + fingerprint), keygen.out());
  }

  @Test
  void aBadSigningKeyStopsTheScanBeforeItRuns() {
    Cli bad = scanBundle(dir.resolve("out"), "--sign-key", keys.resolve("attest-signing.pub").toString());
    assertEquals(2, bad.exit(), bad.toString());
    assertTrue(bad.err().startsWith("attest scan: --sign-key "), bad.err());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void aSigningKeyOthersCanReadIsRefusedBeforeTheScanRuns() throws Exception {
    Path key = keys.resolve("attest-signing.key");
    org.junit.jupiter.api.Assumptions.assumeTrue(key.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    Cli open = scanBundle(dir.resolve("out"), "--sign-key", key.toString());
    assertEquals(2, open.exit(), open.toString());
    assertEquals("attest scan: --sign-key " + key + ": the private key is accessible to others (permissions "
        + "rw-r--r--); a signing key must be readable by its owner only: chmod 600 " + key, open.err().strip());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void aBadKeyNamedByTheEnvironmentIsReportedAsTheEnvironmentVariable() throws Exception {
    assertEquals(0, Cli.run("scan", "--rules", pack.toString(), "--snapshot", snapshot.resolve("storage.json").toString(),
        "--out", dir.resolve("plain").toString(), "--fail-on", "none").exit());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path pub = keys.resolve("attest-signing.pub");
    ProcessBuilder process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "dev.attest.cli.Main", "bundle", dir.resolve("plain/findings.json").toString(), "--rules", pack.toString(),
        "--out", dir.resolve("out").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
    process.environment().put("ATTEST_SIGN_KEY", pub.toString());
    Process running = process.start();
    assertTrue(running.waitFor(120, TimeUnit.SECONDS), "the CLI finishes");
    assertEquals(2, running.exitValue());
    assertEquals("attest bundle: $ATTEST_SIGN_KEY names " + pub + ": no '-----BEGIN PRIVATE KEY-----' block",
        Files.readString(dir.resolve("log.txt")).strip());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void theSigningKeyCanComeFromTheEnvironment() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "dev.attest.cli.Main", "scan", "--rules", pack.toString(), "--snapshot", snapshot.toString(), "--bundle",
        "--out", dir.resolve("out").toString(), "-q")
        .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
    process.environment().put("ATTEST_SIGN_KEY", keys.resolve("attest-signing.key").toString());
    Process running = process.start();
    assertTrue(running.waitFor(120, TimeUnit.SECONDS), "the CLI finishes");
    String log = Files.readString(dir.resolve("log.txt"));
    assertTrue(log.contains("Signed with key SHA256:"), log);
    Path bundle = onlyBundle(dir.resolve("out"));
    JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
    assertNotNull(manifest.get("signature").get("fingerprint"));
    assertEquals(0, Cli.run("verify", bundle.toString(), "--trusted-key", keys.resolve("attest-signing.pub").toString())
        .exit());
    assertFalse(manifest.get("commandLine").toString().contains(File.separator + "keys"), "no key path recorded");
  }

  /** Runs a bundle's manifest reproduce command from inside the bundle, writing to {@code out}. */
  static Cli reproduce(Path bundle, Path out) throws Exception {
    String reproduce = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile()).get("reproduce").asText();
    List<String> args = new ArrayList<>();
    for (String arg : reproduce.substring("attest ".length()).split(" ")) {
      args.add(arg.contains("/") || arg.equals("snapshot") || arg.equals("rules") || arg.endsWith(".yaml")
          ? bundle.resolve(arg).toString() : arg);
    }
    args.addAll(List.of("--out", out.toString()));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void bundlingSavedFindingsCarriesTheirRegistersAndBaselineAndItsReproduceCommandGivesTheSameBytes() throws Exception {
    Path waivers = Files.writeString(dir.resolve("waivers.yaml"), """
        waivers:
          - id: WVR-1
            rules: [AZ-TST-0002]
            category: risk-accepted
            justification: Synthetic test waiver.
            approver: Privacy Officer
            expires: 2027-01-31
          - id: WVR-OLD
            rules: [AZ-TST-0001]
            category: waiver
            justification: Lapsed synthetic waiver.
            approver: Privacy Officer
            expires: 2026-01-31
        """);
    Files.createDirectories(dir.resolve("registers/evidence"));
    Files.writeString(dir.resolve("registers/evidence/training.pdf"), "%PDF-1.4 synthetic training log");
    Path attestations = Files.writeString(dir.resolve("registers/attestations.yaml"), """
        attestations:
          - id: ATT-1
            controls: ["hipaa:164.308(a)(1)(ii)(A)"]
            statement: Workforce training completed.
            owner: Privacy Officer
            date: 2026-09-30
            evidence:
              - file: evidence/training.pdf
        """);
    assertEquals(1, Cli.run("scan", "--rules", pack.toString(), "--snapshot", snapshot.toString(), "--out",
        dir.resolve("q3").toString()).exit());
    Path baseline = dir.resolve("q3/findings.json");
    Cli scan = Cli.run("scan", "--rules", pack.toString(), "--snapshot", snapshot.toString(), "--out",
        dir.resolve("q4").toString(), "--waivers", waivers.toString(), "--attestations", attestations.toString(),
        "--baseline", baseline.toString(), "--as-of", "2026-11-01", "--expired-waivers", "fail", "--fail-on-new");
    assertEquals(1, scan.exit(), "the expired waiver fails the gate: " + scan);
    Path findings = dir.resolve("q4/findings.json");

    Cli bare = Cli.run("bundle", findings.toString(), "--rules", pack.toString(), "--snapshot", snapshot.toString(),
        "--out", dir.resolve("x").toString());
    assertEquals(2, bare.exit(), bare.toString());
    assertEquals("attest bundle: " + findings + " was assessed with a waiver register (WVR-1, WVR-OLD); pass it with "
        + "--waivers FILE so the bundle carries it and reproduces the waived findings", bare.err().strip());
    Cli noAttestations = Cli.run("bundle", findings.toString(), "--rules", pack.toString(), "--waivers",
        waivers.toString(), "--out", dir.resolve("x").toString());
    assertEquals(2, noAttestations.exit());
    assertTrue(noAttestations.err().contains("was assessed with an attestation register (ATT-1)"), noAttestations.err());
    Cli noBaseline = Cli.run("bundle", findings.toString(), "--rules", pack.toString(), "--waivers", waivers.toString(),
        "--attestations", attestations.toString(), "--out", dir.resolve("x").toString());
    assertEquals(2, noBaseline.exit());
    assertTrue(noBaseline.err().contains("was compared with a baseline (sha256:"), noBaseline.err());
    Cli otherDay = Cli.run("bundle", findings.toString(), "--rules", pack.toString(), "--waivers", waivers.toString(),
        "--attestations", attestations.toString(), "--baseline", baseline.toString(), "--as-of", "2026-12-01",
        "--out", dir.resolve("x").toString());
    assertEquals(2, otherDay.exit());
    assertEquals("attest bundle: --as-of 2026-12-01: " + findings + " was assessed as of 2026-11-01",
        otherDay.err().strip());
    Path edited = Files.writeString(dir.resolve("edited.yaml"), Files.readString(waivers).replace("2027-01-31", "2027-06-30"));
    Cli editedWaivers = Cli.run("bundle", findings.toString(), "--rules", pack.toString(), "--waivers",
        edited.toString(), "--attestations", attestations.toString(), "--baseline", baseline.toString(),
        "--out", dir.resolve("x").toString());
    assertEquals(2, editedWaivers.exit());
    assertTrue(editedWaivers.err().contains("waiver WVR-1 differs from the one the findings were assessed with"),
        editedWaivers.err());
    assertFalse(Files.exists(dir.resolve("x")), "nothing written on a usage error");

    Cli bundled = Cli.run("bundle", findings.toString(), "--rules", pack.toString(), "--snapshot", snapshot.toString(),
        "--waivers", waivers.toString(), "--attestations", attestations.toString(), "--baseline", baseline.toString(),
        "--out", dir.resolve("out").toString());
    assertEquals(0, bundled.exit(), bundled.toString());
    Path bundle = onlyBundle(dir.resolve("out"));
    assertArrayEquals(Files.readAllBytes(findings), Files.readAllBytes(bundle.resolve("findings.json")));
    assertArrayEquals(Files.readAllBytes(waivers), Files.readAllBytes(bundle.resolve("inputs/waivers/waivers.yaml")));
    assertArrayEquals(Files.readAllBytes(dir.resolve("registers/evidence/training.pdf")),
        Files.readAllBytes(bundle.resolve("inputs/attestations/evidence/training.pdf")));
    assertArrayEquals(Files.readAllBytes(baseline), Files.readAllBytes(bundle.resolve("inputs/baseline/findings.json")));
    List<String> listed = new ArrayList<>();
    new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile()).get("files")
        .forEach(f -> listed.add(f.get("path").asText()));
    assertTrue(listed.containsAll(List.of("findings.csv", "controls.csv", "waivers.csv", "attestations.csv",
        "baseline.csv")), "the CSV companions are in the bundle and its manifest: " + listed);
    String reproduce = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile()).get("reproduce").asText();
    assertEquals("attest scan --snapshot snapshot --rules rules --config scan-config.yaml --waivers inputs/waivers/waivers.yaml "
        + "--attestations inputs/attestations/attestations.yaml --baseline inputs/baseline/findings.json "
        + "--as-of 2026-11-01 --expired-waivers fail --fail-on-new", reproduce);
    Cli rescan = reproduce(bundle, dir.resolve("rescan"));
    assertEquals(scan.exit(), rescan.exit(), rescan.toString());
    assertArrayEquals(Files.readAllBytes(findings), Files.readAllBytes(dir.resolve("rescan/findings.json")),
        rescan.toString());
    assertEquals(0, Cli.run("verify", bundle.toString(), "--allow-unsigned").exit());
  }

  @Test
  void aBaselineBundleIsVerifiedNamedInTheComparisonAndTravelsWithItsSignatureSoTheRescanMatches() throws Exception {
    String key = keys.resolve("attest-signing.key").toString();
    String trusted = keys.resolve("attest-signing.pub").toString();
    assertEquals(1, scanBundle(dir.resolve("q3"), "--sign-key", key, "--period", "2026-Q3").exit());
    Path q3 = onlyBundle(dir.resolve("q3"));
    String fingerprint = new ObjectMapper().readTree(q3.resolve("manifest.json").toFile()).get("signature")
        .get("fingerprint").asText();

    Cli q4 = scanBundle(dir.resolve("q4"), "--sign-key", key, "--baseline", q3.toString(), "--baseline-trusted-key", trusted);
    assertEquals(1, q4.exit(), q4.toString());
    Path bundle = onlyBundle(dir.resolve("q4"));
    JsonNode source = new ObjectMapper().readTree(bundle.resolve("findings.json").toFile()).get("baseline")
        .get("baselineSource");
    assertEquals(q3.getFileName().toString(), source.get("name").asText());
    assertEquals("bundle", source.get("kind").asText());
    assertEquals("2026-Q3", source.get("period").asText());
    assertEquals(fingerprint, source.get("signedBy").asText());
    assertEquals("test-pack", source.get("rulePack").get("name").asText());
    assertEquals("attest", source.get("tool").get("name").asText());
    String md = Files.readString(bundle.resolve("summary.md"));
    assertTrue(md.contains("Compared with bundle " + q3.getFileName() + " (made "), md);
    assertTrue(md.contains("period 2026-Q3, signed by " + fingerprint + "; attest "), md);
    for (String copied : List.of("findings.json", "manifest.json", "manifest.sig", "signing-key.pub")) {
      assertArrayEquals(Files.readAllBytes(q3.resolve(copied)), Files.readAllBytes(bundle.resolve("inputs/baseline/" + copied)),
          copied);
    }
    Cli rescan = reproduce(bundle, dir.resolve("rescan"));
    assertArrayEquals(Files.readAllBytes(bundle.resolve("findings.json")), Files.readAllBytes(dir.resolve("rescan/findings.json")),
        rescan.toString());
    assertEquals(0, Cli.run("verify", bundle.toString(), "--trusted-key", trusted).exit(), "the copied manifest is just a file");

    Cli diff = Cli.run("diff", q3.toString(), bundle.resolveSibling(bundle.getFileName() + ".zip").toString());
    assertEquals(0, diff.exit(), diff.toString());
    assertTrue(diff.out().startsWith("Old: " + q3 + "\nNew: "), diff.out());
    assertTrue(diff.out().contains("Compared with bundle " + q3.getFileName() + " (made "), diff.out());

    // Tampering with the baseline is refused, wherever it is read from.
    Path otherKeys = dir.resolve("other");
    Cli.run("keygen", "--out", otherKeys.toString());
    Cli otherKey = scanBundle(dir.resolve("x"), "--baseline", q3.toString(), "--baseline-trusted-key",
        otherKeys.resolve("attest-signing.pub").toString());
    assertEquals(2, otherKey.exit(), otherKey.toString());
    assertTrue(otherKey.err().startsWith("attest: baseline " + q3 + " is not an intact bundle: signature: made by another key"),
        otherKey.err());
    Files.writeString(q3.resolve("findings.json"), Files.readString(q3.resolve("findings.json")).replace("\"FAIL\"", "\"PASS\""));
    Cli tampered = scanBundle(dir.resolve("x"), "--baseline", q3.toString());
    assertEquals(2, tampered.exit(), tampered.toString());
    assertTrue(tampered.err().startsWith("attest: baseline " + q3 + " is not an intact bundle: changed: findings.json (sha256 "),
        tampered.err());
    Cli member = scanBundle(dir.resolve("x"), "--baseline", q3.resolve("findings.json").toString());
    assertEquals(2, member.exit(), "the findings file beside its manifest is checked too: " + member);
    Cli diffTampered = Cli.run("diff", q3.toString(), bundle.toString());
    assertEquals(2, diffTampered.exit());
    assertTrue(diffTampered.err().startsWith("attest diff: " + q3 + " is not an intact bundle: changed: findings.json"),
        diffTampered.err());
    Files.writeString(bundle.resolve("inputs/baseline/findings.json"), "{}");
    Cli copy = reproduce(bundle, dir.resolve("rescan2"));
    assertEquals(2, copy.exit(), "the bundle's own copy is checked against the manifest it carries: " + copy);
    assertFalse(Files.exists(dir.resolve("x")), "nothing written when the baseline is refused");
  }

  @Test
  void plainBaselinesAreNamedByTheirFileAndReproduceWhetherGivenAsAFolderOrARenamedFile() throws Exception {
    assertEquals(1, Cli.run("scan", "--rules", pack.toString(), "--snapshot", snapshot.toString(), "--out",
        dir.resolve("q3").toString()).exit());
    Path renamed = Files.copy(dir.resolve("q3/findings.json"), dir.resolve("2026-Q3-findings.json"));
    for (Path baseline : List.of(dir.resolve("q3"), renamed)) {
      Path out = dir.resolve("out-" + baseline.getFileName());
      scanBundle(out, "--baseline", baseline.toString());
      Path bundle = onlyBundle(out);
      String expected = Files.isDirectory(baseline) ? "findings.json" : "2026-Q3-findings.json";
      assertTrue(Files.isRegularFile(bundle.resolve("inputs/baseline/" + expected)), expected);
      JsonNode source = new ObjectMapper().readTree(bundle.resolve("findings.json").toFile()).get("baseline")
          .get("baselineSource");
      assertEquals(expected, source.get("name").asText());
      assertEquals("findings", source.get("kind").asText());
      assertEquals("9.9.9", source.get("rulePack").get("version").asText(), "the baseline scan's rule pack");
      Cli rescan = reproduce(bundle, dir.resolve("rescan-" + baseline.getFileName()));
      assertArrayEquals(Files.readAllBytes(bundle.resolve("findings.json")),
          Files.readAllBytes(dir.resolve("rescan-" + baseline.getFileName() + "/findings.json")), rescan.toString());
    }
    Cli trusted = scanBundle(dir.resolve("x"), "--baseline", renamed.toString(), "--baseline-trusted-key",
        keys.resolve("attest-signing.pub").toString());
    assertEquals(2, trusted.exit());
    assertTrue(trusted.err().contains("not a bundle, so there is no signature to check against the trusted key"),
        trusted.err());
  }

  @Test
  void bundlingASavedFindingsFileGivesTheSameFindingsAndChecksItsInputs() throws Exception {
    Cli scan = Cli.run("scan", "--rules", pack.toString(), "--snapshot", snapshot.toString(), "--out",
        dir.resolve("plain").toString());
    assertEquals(1, scan.exit(), scan.toString());
    Path findings = dir.resolve("plain/findings.json");
    Cli bundle = Cli.run("bundle", findings.toString(), "--rules", pack.toString(), "--snapshot", snapshot.toString(),
        "--out", dir.resolve("out").toString(), "--scope-name", "Clinic / Q1");
    assertEquals(0, bundle.exit(), bundle.toString());
    Path folder = onlyBundle(dir.resolve("out"));
    assertTrue(folder.getFileName().toString().startsWith("clinic-q1-"), folder.toString());
    assertArrayEquals(Files.readAllBytes(findings), Files.readAllBytes(folder.resolve("findings.json")));
    Cli rescan = Cli.run("scan", "--snapshot", folder.resolve("snapshot").toString(), "--rules",
        folder.resolve("rules").toString(), "--out", dir.resolve("rescan").toString());
    assertArrayEquals(Files.readAllBytes(findings), Files.readAllBytes(dir.resolve("rescan/findings.json")),
        rescan.toString());

    Path otherPack = TestPacks.write(dir.resolve("other-pack"), Map.of());
    Cli wrongPack = Cli.run("bundle", findings.toString(), "--rules", otherPack.toString(), "--out",
        dir.resolve("x").toString());
    assertEquals(2, wrongPack.exit(), wrongPack.toString());
    assertTrue(wrongPack.err().contains("is not the one " + findings + " was produced with"), wrongPack.err());
    Cli wrongSnapshot = Cli.run("bundle", findings.toString(), "--rules", pack.toString(), "--snapshot",
        snapshot.resolve("storage.json").toString(), "--out", dir.resolve("x").toString());
    assertEquals(2, wrongSnapshot.exit(), wrongSnapshot.toString());
    assertTrue(wrongSnapshot.err().contains("the snapshot holds 2 objects but"), wrongSnapshot.err());
    Files.writeString(dir.resolve("v2.json"), "{\"schemaVersion\": 2}");
    Cli wrongVersion = Cli.run("bundle", dir.resolve("v2.json").toString());
    assertEquals(2, wrongVersion.exit());
    assertEquals("attest bundle: " + dir.resolve("v2.json")
        + ":1:19: schemaVersion 2 is not supported (this version of attest reads schemaVersion 1)",
        wrongVersion.err().strip());
    assertFalse(Files.exists(dir.resolve("x")), "nothing written on a usage error");
  }
}
