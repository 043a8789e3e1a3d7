package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.inventory.DemoTenantSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waivers, attestations and baselines on the demo tenant, through the real CLI and the shipped rules. */
class AssessmentInputsIT {
  private static final String REPORTING_SQL = "/subscriptions/1b2c3d4e-0000-4000-8000-000000000001/resourceGroups/"
      + "rg-clinical-data/providers/Microsoft.Sql/servers/sql-contoso-reporting";

  @TempDir
  Path dir;

  private JsonNode findings(Path out) throws Exception {
    return new ObjectMapper().readTree(out.resolve("findings.json").toFile());
  }

  private static JsonNode finding(JsonNode doc, String ruleId, String resourceId) {
    for (JsonNode f : doc.get("findings")) {
      if (f.get("ruleId").asText().equals(ruleId) && f.get("resourceId").asText().equalsIgnoreCase(resourceId)) {
        return f;
      }
    }
    throw new AssertionError("no finding " + ruleId + " on " + resourceId);
  }

  private static JsonNode control(JsonNode doc, String id) {
    for (JsonNode c : doc.get("controls")) {
      if (c.get("id").asText().equals(id)) {
        return c;
      }
    }
    throw new AssertionError("no control " + id);
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void waiversTurnCoveredFailuresIntoWaivedAndReportExpiredUnusedAndExpiringOnes() throws Exception {
    Path waivers = write("waivers.yaml", """
        waivers:
          - id: WVR-1
            rules: [AZ-TLS-0003]
            resources: ["/subscriptions/*/resourceGroups/RG-CLINICAL-DATA/providers/Microsoft.Sql/servers/sql-contoso-reporting"]
            category: risk-accepted
            justification: Extract tool only speaks TLS 1.0 until its replacement ships.
            approver: Privacy Officer
            ticket: CHG-10442
            expires: 2027-01-01
          - id: WVR-2
            rules: [AZ-PRV-0004]
            resources: ["/subscriptions/*/resourceGroups/rg-clinical-data/**"]
            category: mitigated
            compensatingControl: Server firewall limited to the quality team's office range
            justification: Public endpoint needed by a vendor until migration.
            approver: CISO
            expires: 2026-11-30
          - id: WVR-3
            rules: [AZ-NET-*]
            resources: ["/subscriptions/*/resourceGroups/rg-does-not-exist/**"]
            category: waiver
            justification: Nothing matches this.
            approver: CISO
            expires: 2027-06-30
        """);
    Path out = dir.resolve("out");
    Cli cli = Cli.run("scan", "--demo", "--out", out.toString(), "--waivers", waivers.toString(),
        "--as-of", "2026-12-10", "--fail-on", "none");
    assertEquals(0, cli.exit(), cli.toString());
    JsonNode doc = findings(out);
    JsonNode waived = finding(doc, "AZ-TLS-0003", REPORTING_SQL);
    assertEquals("WAIVED", waived.get("status").asText());
    assertEquals("WVR-1", waived.get("waiver").asText());
    assertFalse(waived.get("evidence").isEmpty(), "a waived finding keeps its evidence");
    assertEquals("FAIL", finding(doc, "AZ-PRV-0004", REPORTING_SQL).get("status").asText(),
        "an expired waiver covers nothing");
    assertEquals("2026-12-10", doc.get("summary").get("asOf").asText());
    JsonNode states = doc.get("summary").get("waiversByState");
    assertEquals(1, states.get("expiring-soon").asInt());
    assertEquals(1, states.get("expired").asInt());
    assertEquals(1, states.get("unused").asInt());
    JsonNode expired = doc.get("waivers").get(1);
    assertEquals("expired", expired.get("state").asText());
    assertEquals(1, expired.get("uncoveredFindings").asInt());
    assertTrue(cli.out().contains("expired       WVR-2"), cli.out());

    Cli strict = Cli.run("scan", "--demo", "--out", out.toString(), "--waivers", waivers.toString(),
        "--as-of", "2026-12-10", "--fail-on", "none", "--expired-waivers", "fail");
    assertEquals(1, strict.exit(), "expired waivers fail the gate when asked: " + strict);
    Cli before = Cli.run("scan", "--demo", "--out", out.toString(), "--waivers", waivers.toString(),
        "--as-of", "2026-11-15", "--fail-on", "none", "--expired-waivers", "fail");
    assertEquals(0, before.exit(), "before its expiry the waiver applies: " + before);
    assertEquals("WAIVED", finding(findings(out), "AZ-PRV-0004", REPORTING_SQL).get("status").asText());
  }

  @Test
  void aBadWaiverRegisterIsAUsageErrorWithEveryProblemLocated() throws Exception {
    Path waivers = write("bad.yaml", """
        waivers:
          - id: WVR-1
            rules: [AZ-TLS-0003]
            category: mitigated
            justification: no compensating control given
            approver: CISO
            expires: 2026-13-01
          - id: WVR-1
            category: waiver
            justification: no selector and a duplicate id
            approver: CISO
            expires: 2027-01-01
            owner: someone
        """);
    Cli cli = Cli.run("scan", "--demo", "--out", dir.resolve("out").toString(), "--waivers", waivers.toString());
    assertEquals(2, cli.exit(), cli.toString());
    String err = cli.err();
    assertTrue(err.contains("bad.yaml:2:5: missing required 'compensatingControl'"), err);
    assertTrue(err.contains("bad.yaml:7:14: 'expires' must be a date like 2026-12-31, not '2026-13-01'"), err);
    assertTrue(err.contains("bad.yaml:8:9: duplicate waiver id 'WVR-1'"), err);
    assertTrue(err.contains("a waiver needs at least one selector"), err);
    assertTrue(err.contains("bad.yaml:13:5: unknown key 'owner'"), err);
    assertFalse(err.contains("Exception"), err);
    assertFalse(Files.exists(dir.resolve("out/findings.json")), "nothing is written for an invalid register");
  }

  @Test
  void attestationsAttestManualControlsButNeverOverrideAFailure() throws Exception {
    Path evidence = write("evidence/risk-analysis-2026.pdf", "%PDF-1.4 synthetic risk analysis");
    Path attestations = write("attestations.yaml", """
        attestations:
          - id: ATT-1
            controls: ["hipaa:164.308(a)(1)(ii)(A)", "hitrust:03.b"]
            statement: Enterprise risk analysis covering all Azure PHI workloads completed and approved.
            owner: Chief Information Security Officer
            date: 2026-09-30
            expires: 2027-09-30
            evidence:
              - file: evidence/risk-analysis-2026.pdf
                title: Risk analysis report
              - link: https://intranet.contoso-health.example/grc/risk/2026
          - id: ATT-2
            controls: ["hipaa:164.312(e)(1)"]
            statement: All connections use TLS 1.2 or later.
            owner: Infrastructure lead
            date: 2026-10-01
          - id: ATT-3
            controls: ["hipaa:164.312(a)(2)(iii)"]
            statement: Automatic logoff is enforced by the EHR after 15 minutes; VDI locks after 10.
            owner: Clinical applications lead
            date: 2026-08-01
            decision: alternative
            alternative: Session timeout enforced by the EHR application instead of the operating system.
          - id: ATT-4
            controls: ["hipaa:164.308(a)(5)(i)"]
            statement: Security awareness training, 2024 cycle.
            owner: HR
            date: 2024-06-01
            expires: 2025-06-01
        """);
    Path out = dir.resolve("out");
    Cli cli = Cli.run("scan", "--demo", "--out", out.toString(), "--attestations", attestations.toString(),
        "--as-of", "2026-11-23");
    assertEquals(1, cli.exit(), cli.toString());
    JsonNode doc = findings(out);
    assertEquals("attested", control(doc, "hipaa:164.308(a)(1)(ii)(A)").get("status").asText());
    assertEquals("attested", control(doc, "hitrust:03.b").get("status").asText());
    assertEquals("not_satisfied", control(doc, "hipaa:164.312(e)(1)").get("status").asText(),
        "an attestation never overrides an unwaived failure");
    JsonNode logoff = control(doc, "hipaa:164.312(a)(2)(iii)");
    assertEquals("attested", logoff.get("status").asText());
    assertEquals("alternative", logoff.get("decision").asText());
    assertEquals("manual", control(doc, "hipaa:164.308(a)(5)(i)").get("status").asText(),
        "an expired attestation no longer counts");
    JsonNode item = doc.get("attestations").get(0).get("attestation").get("evidence").get(0);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(evidence)));
    assertEquals(expected, item.get("sha256").asText());
    assertEquals("expired", doc.get("attestations").get(3).get("state").asText());
  }

  @Test
  void badAttestationsNameTheFileAndPlace() throws Exception {
    Path attestations = write("att.yaml", """
        attestations:
          - id: ATT-1
            controls: ["hipaa:164.312(e)(1)", "hipaa:999"]
            statement: x
            owner: y
            date: 2026-01-01
            decision: not-reasonable
            evidence:
              - file: missing.pdf
        """);
    Cli cli = Cli.run("scan", "--demo", "--out", dir.resolve("out").toString(), "--attestations",
        attestations.toString());
    assertEquals(2, cli.exit(), cli.toString());
    assertTrue(cli.err().contains("att.yaml:3:39: unknown control 'hipaa:999'"), cli.err());
    assertTrue(cli.err().contains("att.yaml:7:15: a decision applies to Addressable implementation specifications"),
        cli.err());
    assertTrue(cli.err().contains("missing required 'rationale'"), cli.err());
    assertTrue(cli.err().contains("att.yaml:9:15: evidence file 'missing.pdf' does not exist"), cli.err());
  }

  /** Copies the demo tenant out of the jar so a test can change it. */
  private Path demoSnapshot(String name) throws Exception {
    Path folder = dir.resolve(name);
    Files.createDirectories(folder);
    for (String file : DemoTenantSource.files()) {
      try (InputStream in = DemoTenantSource.class.getResourceAsStream("/demo/contoso-health/" + file)) {
        Files.copy(in, folder.resolve(file));
      }
    }
    return folder;
  }

  @Test
  void aBaselineSeparatesNewResolvedAndStillOpenAndGatesOnlyOnNewFailuresWhenAsked() throws Exception {
    Path before = demoSnapshot("before");
    Path after = demoSnapshot("after");
    Path data = after.resolve("clinical-data.json");
    String text = Files.readString(data);
    // The reporting server is fixed; the patient engagement Cosmos DB account regresses.
    text = text.replace("\"minimalTlsVersion\": \"1.0\"", "\"minimalTlsVersion\": \"1.2\"")
        .replace("\"minimalTlsVersion\": \"Tls12\"", "\"minimalTlsVersion\": \"Tls11\"");
    Files.writeString(data, text);
    Path baselineOut = dir.resolve("baseline");
    assertEquals(1, Cli.run("scan", "--snapshot", before.toString(), "--out", baselineOut.toString()).exit());

    Path out = dir.resolve("out");
    Cli cli = Cli.run("scan", "--snapshot", after.toString(), "--out", out.toString(), "--baseline",
        baselineOut.toString(), "--fail-on-new");
    assertEquals(1, cli.exit(), "the regression is new and high: " + cli);
    JsonNode comparison = findings(out).get("baseline");
    assertEquals(1, comparison.get("counts").get("newFindings").asInt());
    assertEquals("AZ-TLS-0012", comparison.get("newFindings").get(0).get("ruleId").asText());
    assertEquals(1, comparison.get("counts").get("resolved").asInt());
    assertEquals("AZ-TLS-0003", comparison.get("resolved").get(0).get("ruleId").asText());
    assertTrue(comparison.get("counts").get("stillOpen").asInt() > 50);
    assertTrue(cli.out().contains("Since baseline: 1 new, 1 resolved"), cli.out());

    // Waive the one new failure: with --fail-on-new the many old failures no longer fail the gate.
    Path waivers = write("w.yaml", """
        waivers:
          - id: WVR-COSMOS
            rules: [AZ-TLS-0012]
            resources: ["**/cosmos-contoso-patient-engagement"]
            category: waiver
            justification: SDK upgrade scheduled.
            approver: CISO
            expires: 2099-01-01
        """);
    Cli onlyNew = Cli.run("scan", "--snapshot", after.toString(), "--out", out.toString(), "--baseline",
        baselineOut.resolve("findings.json").toString(), "--fail-on-new", "--waivers", waivers.toString());
    assertEquals(0, onlyNew.exit(), onlyNew.toString());
    Cli all = Cli.run("scan", "--snapshot", after.toString(), "--out", out.toString(), "--baseline",
        baselineOut.toString(), "--waivers", waivers.toString());
    assertEquals(1, all.exit(), "without --fail-on-new every open failure counts");
  }

  @Test
  void diffComparesFindingsFilesFoldersAndZipsInThreeFormats() throws Exception {
    Path before = demoSnapshot("before");
    Path after = demoSnapshot("after");
    Path data = after.resolve("clinical-data.json");
    Files.writeString(data, Files.readString(data).replace("\"minimalTlsVersion\": \"1.0\"", "\"minimalTlsVersion\": \"1.2\""));
    Cli.run("scan", "--snapshot", before.toString(), "--out", dir.resolve("a").toString());
    Cli.run("scan", "--snapshot", after.toString(), "--out", dir.resolve("b").toString());
    Path zip = dir.resolve("a.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("contoso-20261123T000000Z/findings.json"));
      try (InputStream in = Files.newInputStream(dir.resolve("a/findings.json"))) {
        in.transferTo(out);
      }
      out.closeEntry();
    }
    Cli text = Cli.run("diff", zip.toString(), dir.resolve("b").toString());
    assertEquals(0, text.exit(), text.toString());
    assertTrue(text.out().contains("0 new, 1 resolved"), text.out());
    assertTrue(text.out().contains("AZ-TLS-0003"), text.out());
    assertTrue(text.out().contains("hipaa") || text.out().contains("Resolved"), text.out());
    Cli json = Cli.run("diff", dir.resolve("a/findings.json").toString(), dir.resolve("b/findings.json").toString(),
        "--format", "json");
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertEquals(1, doc.get("counts").get("resolved").asInt());
    Cli md = Cli.run("diff", dir.resolve("a").toString(), dir.resolve("b").toString(), "--format", "md");
    assertTrue(md.out().contains("| 0 | 1 |"), md.out());

    Path broken = write("broken.json", "{\"schemaVersion\": 1, \"findings\": [ {\"id\": ");
    Cli bad = Cli.run("diff", broken.toString(), dir.resolve("b").toString());
    assertEquals(2, bad.exit());
    assertTrue(bad.err().startsWith("attest diff: " + broken + ":1:"), bad.err());
    Path truncated = dir.resolve("truncated.zip");
    byte[] bytes = Files.readAllBytes(zip);
    try (OutputStream out = Files.newOutputStream(truncated)) {
      out.write(bytes, 0, bytes.length / 2);
    }
    Cli badZip = Cli.run("diff", truncated.toString(), dir.resolve("b").toString());
    assertEquals(2, badZip.exit(), badZip.toString());
    assertTrue(badZip.err().contains("not a readable zip"), badZip.err());
  }
}
