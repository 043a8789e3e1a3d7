package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.TestPacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandIT {
  private static final String RG = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg";

  @TempDir
  Path dir;
  Path pack;
  Path snapshot;

  @BeforeEach
  void setUp() throws Exception {
    String tls = TestPacks.rule("AZ-TST-0001", "Microsoft.Storage/storageAccounts",
        "field: properties.minimumTlsVersion\nifMissing: TLS1_0\nversionAtLeast: \"[parameters('min')]\"\n",
        "parameters:\n  min: { type: string, default: \"1.2\" }\n");
    String logging = TestPacks.rule("AZ-TST-0002", "Microsoft.Storage/storageAccounts",
        "field: properties.allowBlobPublicAccess\nequals: false\n", null)
        .replace("severity: high", "severity: low").replace("hipaa:164.312(e)(1)", "hipaa:164.312(b)");
    pack = TestPacks.write(dir.resolve("pack"), Map.of(
        "t/AZ-TST-0001.yaml", tls,
        "t/AZ-TST-0001.fixtures.yaml", """
            - name: tls12
              expect: pass
              resource: {id: /subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a, type: Microsoft.Storage/storageAccounts, properties: {minimumTlsVersion: TLS1_2}}
            - name: absent-defaults-to-tls10
              expect: fail
              resource: {id: /subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a, type: Microsoft.Storage/storageAccounts, properties: {}}
            """,
        "t/AZ-TST-0002.yaml", logging,
        "t/AZ-TST-0002.fixtures.yaml", """
            - name: private
              expect: pass
              resource: {id: /subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a, type: Microsoft.Storage/storageAccounts, properties: {allowBlobPublicAccess: false}}
            - name: public
              expect: fail
              resource: {id: /subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a, type: Microsoft.Storage/storageAccounts, properties: {allowBlobPublicAccess: true}}
            """));
    snapshot = dir.resolve("snap");
    Files.createDirectories(snapshot);
    Files.writeString(snapshot.resolve("storage.json"), "[" + storage("good", "TLS1_2", false) + ","
        + storage("old", "TLS1_0", false) + "," + storage("open", "TLS1_2", true) + "]");
  }

  private static String storage(String name, String tls, boolean open) {
    return "{\"id\":\"" + RG + "/providers/Microsoft.Storage/storageAccounts/" + name + "\","
        + "\"type\":\"Microsoft.Storage/storageAccounts\",\"name\":\"" + name + "\",\"properties\":{"
        + "\"minimumTlsVersion\":\"" + tls + "\",\"allowBlobPublicAccess\":" + open + "}}";
  }

  private Cli scan(String... extra) {
    String[] base = {"scan", "--rules", pack.toString(), "--snapshot", snapshot.toString(), "--out",
        dir.resolve("out").toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Cli.run(args);
  }

  @Test
  void timingsNameEveryPhaseOnStderrAndChangeNoOutput() throws Exception {
    Path plain = dir.resolve("plain");
    Path timed = dir.resolve("timed");
    Cli without = Cli.run("scan", "--demo", "--format", "json", "--out", plain.toString(), "-q");
    Cli with = Cli.run("scan", "--demo", "--format", "json", "--out", timed.toString(), "-q", "--timings");
    assertEquals(without.exit(), with.exit());
    assertFalse(without.err().contains("timings"), without.err());
    String line = with.err().lines().filter(l -> l.startsWith("attest: timings: ")).findFirst().orElse("");
    for (String phase : new String[] {"rules and settings ", "read ", "index ", "evaluate and write findings ", "summary and controls "}) {
      assertTrue(line.contains(phase), phase + " in " + line);
    }
    assertTrue(line.matches(".*read [0-9.]+ s \\([0-9]+ objects\\).*"), line);
    assertArrayEquals(Files.readAllBytes(plain.resolve("findings.json")), Files.readAllBytes(timed.resolve("findings.json")));
  }

  @Test
  void highFindingsFailTheGateAndTheFindingsFileCarriesTheContract() throws Exception {
    Cli cli = scan("--format", "json");
    assertEquals(1, cli.exit(), cli.toString());
    JsonNode doc = new ObjectMapper().readTree(dir.resolve("out/findings.json").toFile());
    JsonNode findings = doc.get("findings");
    assertEquals(6, findings.size());
    JsonNode old = findings.get(1);
    assertEquals("AZ-TST-0001", old.get("ruleId").asText());
    assertEquals(RG + "/providers/Microsoft.Storage/storageAccounts/old", old.get("resourceId").asText());
    assertEquals("FAIL", old.get("status").asText());
    assertEquals("high", old.get("severity").asText());
    assertEquals("tls", old.get("area").asText());
    assertEquals("00000000-0000-0000-0000-0000000000aa", old.get("subscriptionId").asText());
    assertEquals("hipaa:164.312(e)(1)", old.get("controls").get(0).asText());
    assertEquals("TLS1_0", old.get("evidence").get(0).get("observed").asText());
    assertTrue(old.get("message").asText().contains("'old'"), old.get("message").asText());
    for (String field : new String[] {"id", "resourceType", "message", "evidence"}) {
      assertTrue(old.has(field), field);
    }
    JsonNode summary = doc.get("summary");
    assertEquals(2, summary.get("findingsByStatus").get("FAIL").asInt());
    assertEquals(64, summary.get("rulePack").get("sha256").asText().length());
    assertEquals("fail", summary.get("gate").get("verdict").asText());
    JsonNode control = doc.get("controls").get(0);
    assertEquals("hipaa:164.312(e)(1)", control.get("id").asText());
    assertEquals("not_satisfied", control.get("status").asText());
    assertTrue(cli.out().contains("Gate: FAIL (exit 1)"), cli.out());
  }

  @Test
  void theSameInputGivesByteIdenticalFindings() throws Exception {
    scan();
    byte[] first = Files.readAllBytes(dir.resolve("out/findings.json"));
    scan();
    assertArrayEquals(first, Files.readAllBytes(dir.resolve("out/findings.json")));
  }

  @Test
  void thresholdsControlsAndParametersDecideTheGate() {
    assertEquals(0, scan("--fail-on", "critical").exit());
    Cli gated = scan("--fail-on", "critical", "--fail-on-control", "hipaa:164.312(b)");
    assertEquals(1, gated.exit(), gated.toString());
    assertTrue(gated.out().contains("1 on gated control(s) hipaa:164.312(b)"), gated.out());
    assertEquals(2, scan("--param", "AZ-TST-0002.min=x").exit(), "AZ-TST-0002 has no parameter min");
    Cli relaxed = scan("--param", "AZ-TST-0001.min=1.0", "--fail-on", "high");
    assertEquals(0, relaxed.exit(), relaxed.toString());
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() throws Exception {
    Cli noInput = Cli.run("scan", "--rules", pack.toString());
    assertEquals(2, noInput.exit());
    assertEquals("attest scan: nothing to scan; give --snapshot PATH, --demo, or a live scope (--subscription ID, "
        + "--management-group ID, --all-subscriptions)", noInput.err().strip());
    Cli badParam = scan("--param", "AZ-TST-0001.nope=1");
    assertEquals(2, badParam.exit());
    assertEquals("attest scan: --param AZ-TST-0001.nope=1: rule AZ-TST-0001 has no parameter 'nope' (it has: min)",
        badParam.err().strip());
    Cli badSeverity = scan("--fail-on", "severe");
    assertEquals(2, badSeverity.exit());
    Cli badControl = scan("--fail-on-control", "hipaa:1.2.3");
    assertEquals(2, badControl.exit());
    assertTrue(badControl.err().contains("no such control"), badControl.err());
    Cli neverFails = scan("--fail-on-control", "hipaa:164.308(a)(1)(ii)(A)");
    assertEquals(2, neverFails.exit(), "a gated control no rule maps to could never fail the gate");
    assertEquals("attest scan: --fail-on-control hipaa:164.308(a)(1)(ii)(A): no rule maps to "
        + "hipaa:164.308(a)(1)(ii)(A) (coverage attested), so it could never fail the gate", neverFails.err().strip());
    Cli badFormat = scan("--format", "docx");
    assertEquals(2, badFormat.exit());
    Files.writeString(pack.resolve("t/AZ-TST-0002.yaml"), "id: AZ-TST-0002\nbogus: 1\n");
    Cli badPack = scan();
    assertEquals(2, badPack.exit());
    assertTrue(badPack.err().contains("t/AZ-TST-0002.yaml:2:1: unknown key 'bogus'"), badPack.err());
    assertFalse(badPack.err().contains("Exception"), badPack.err());
  }

  @Test
  void unreadableInputMakesTheScanIncompleteWithoutLosingTheRest() throws Exception {
    Files.writeString(snapshot.resolve("broken.json"), "[{\"id\": ");
    Cli failing = scan();
    assertEquals(1, failing.exit(), "the gate already fails, so 1 wins over 3");
    assertTrue(failing.err().contains("broken.json:1:"), failing.err());
    Cli incomplete = scan("--fail-on", "none");
    assertEquals(3, incomplete.exit(), incomplete.toString());
    assertTrue(incomplete.out().contains("Incomplete: 1 input problem(s)"), incomplete.out());
    JsonNode doc = new ObjectMapper().readTree(dir.resolve("out/findings.json").toFile());
    assertEquals(6, doc.get("findings").size(), "what was readable is still evaluated");
    assertFalse(doc.get("summary").get("completeness").get("complete").asBoolean());
  }

  @Test
  void rulesTestListAndShowDescribeThePack() throws Exception {
    Cli test = Cli.run("rules", "test", pack.toString());
    assertEquals(0, test.exit(), test.toString());
    assertTrue(test.out().contains("4 passed, 0 failed"), test.out());
    Files.writeString(pack.resolve("t/AZ-TST-0002.fixtures.yaml"), """
        - name: wrong-expectation
          expect: pass
          resource: {id: /subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a, type: Microsoft.Storage/storageAccounts, properties: {allowBlobPublicAccess: true}}
        """);
    Cli failing = Cli.run("rules", "test", pack.resolve("t").toString());
    assertEquals(1, failing.exit());
    assertTrue(failing.out().contains("FAIL AZ-TST-0002 wrong-expectation"), failing.out());
    assertTrue(failing.out().contains("needs at least one pass and one fail case"), failing.out());
    Files.writeString(pack.resolve("t/AZ-TST-0003.yaml"), "id: AZ-TST-0003\nbogus: 1\n");
    Cli invalid = Cli.run("rules", "test", pack.toString());
    assertEquals(2, invalid.exit(), "an invalid pack is a configuration error, not a failing fixture");
    assertTrue(invalid.err().contains("t/AZ-TST-0003.yaml:2:1: unknown key 'bogus'"), invalid.err());
    Files.delete(pack.resolve("t/AZ-TST-0003.yaml"));
    Cli list = Cli.run("rules", "list", "--rules", pack.toString(), "--format", "json");
    JsonNode rows = new ObjectMapper().readTree(list.out());
    assertEquals("AZ-TST-0001", rows.get(0).get("id").asText());
    assertEquals("hipaa:164.312(e)(1)", rows.get(0).get("controls").get(0).asText());
    Cli show = Cli.run("rules", "show", "AZ-TST-0001", "--rules", pack.toString());
    assertTrue(show.out().contains("min (string, default \"1.2\")"), show.out());
  }

  @Test
  void configFileErrorsNameTheLineAndColumn() throws Exception {
    Path config = dir.resolve("scan.yaml");
    Files.writeString(config, "failOn: high\nfailon: low\n");
    Cli unknownKey = scan("--config", config.toString());
    assertEquals(2, unknownKey.exit(), unknownKey.toString());
    assertTrue(unknownKey.err().contains("scan.yaml:2:1: unknown key 'failon'"), unknownKey.err());
    Files.writeString(config, "failOn: high\nparameters:\n  AZ-TST-0001:\n    min: 1.2\n");
    Cli badType = scan("--config", config.toString());
    assertEquals(2, badType.exit(), badType.toString());
    assertTrue(badType.err().contains("scan.yaml:4:10: parameters.AZ-TST-0001.min"), badType.err());
    Files.writeString(config, "failOnControls:\n  - hipaa:164.312(b)\n  - hipaa:9.9\n");
    Cli badControl = scan("--config", config.toString());
    assertEquals(2, badControl.exit(), badControl.toString());
    assertTrue(badControl.err().contains("scan.yaml:3:5: failOnControls[1] hipaa:9.9: no such control"), badControl.err());
    Files.writeString(config, "failOn: high\nfailOn: low\n");
    Cli repeated = scan("--config", config.toString());
    assertEquals(2, repeated.exit(), repeated.toString());
    assertTrue(repeated.err().contains("scan.yaml:2:1: key 'failOn' appears twice"), repeated.err());
  }

  @Test
  void anEmptyInputIsIncompleteAndAMissingPathIsAUsageError() throws Exception {
    Path empty = dir.resolve("empty.json");
    Files.writeString(empty, "[]");
    Cli nothing = Cli.run("scan", "--rules", pack.toString(), "--snapshot", empty.toString(), "--out",
        dir.resolve("out").toString(), "--fail-on", "none");
    assertEquals(3, nothing.exit(), "an empty export must never pass the gate\n" + nothing);
    assertTrue(nothing.err().contains("snapshot " + empty + ": no ARM objects were read"), nothing.err());
    Cli missing = scan("--snapshot", dir.resolve("typo.json").toString());
    assertEquals(2, missing.exit(), missing.toString());
    assertEquals("attest scan: --snapshot " + dir.resolve("typo.json") + ": no such file or folder", missing.err().strip());
  }
}
