package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waivers (with expiry and unused ones), attestations (with an Addressable decision) and a baseline in every format. */
class DocumentRegistersIT {
  @TempDir
  Path dir;

  static List<Map<String, String>> csvRows(CsvMapper csv, Path file) throws Exception {
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(Files.readString(file).substring(1))) {
      it.forEachRemaining(rows::add);
    }
    return rows;
  }

  static Map<String, Map<String, String>> byId(List<Map<String, String>> rows) {
    Map<String, Map<String, String>> byId = new java.util.LinkedHashMap<>();
    rows.forEach(r -> byId.put(r.get("id"), r));
    return byId;
  }

  @Test
  void registersAndTheBaselineShowInEveryFormat() throws Exception {
    Path waivers = dir.resolve("waivers.yaml");
    Files.writeString(waivers, """
        waivers:
          - id: WVR-1
            rules: [AZ-NET-0001]
            resources: ["/subscriptions/*/resourceGroups/rg-legacy-imaging/**"]
            category: risk-accepted
            justification: Vendor support path until the PACS gateway is retired.
            approver: Privacy Officer
            ticket: CHG-10442
            expires: 2027-06-30
          - id: WVR-2
            rules: [AZ-NET-0002]
            category: waiver
            justification: Old exception.
            approver: CISO
            expires: 2026-01-31
          - id: WVR-3
            rules: [AZ-NET-*]
            resources: ["/subscriptions/*/resourceGroups/rg-does-not-exist/**"]
            category: waiver
            justification: Nothing matches this.
            approver: CISO
            expires: 2027-06-30
        """);
    Path attestations = dir.resolve("attestations.yaml");
    Files.writeString(attestations, """
        attestations:
          - id: ATT-3
            controls: ["hipaa:164.312(a)(2)(iii)"]
            statement: Automatic logoff is enforced by the EHR after 15 minutes.
            owner: Clinical applications lead
            date: 2026-08-01
            decision: alternative
            alternative: Session timeout enforced by the EHR application instead of the operating system.
        """);
    // The baseline saw two more failing NSGs than today's scan: their findings show as resolved.
    Path before = dir.resolve("before");
    Cli first = Cli.run("scan", "--demo", "--snapshot", DocumentReportsIT.hostileSnapshot(dir).toString(),
        "--out", before.toString(), "--format", "json");
    assertEquals(1, first.exit(), first.toString());
    Path out = dir.resolve("out");
    Cli scan = Cli.run("scan", "--demo", "--out", out.toString(), "--format", "json,csv,sarif,junit,md,html,pdf", "--as-of", "2026-11-23",
        "--waivers", waivers.toString(), "--attestations", attestations.toString(),
        "--baseline", before.resolve("findings.json").toString());
    assertEquals(1, scan.exit(), scan.toString());

    Document html = Jsoup.parse(Files.readString(out.resolve("report.html")));
    String register = html.getElementById("waivers").text();
    assertTrue(register.contains("WVR-1 active") && register.contains("CHG-10442"), register);
    assertTrue(register.contains("WVR-2 expired") && register.contains("WVR-3 unused"), register);
    Element waived = html.select("tr.finding[data-status=WAIVED]").first();
    assertTrue(waived.text().contains("Waived under WVR-1"), waived.text());
    assertTrue(waived.select(".evidence").size() == 1, "a waived finding keeps its evidence");
    String attested = html.getElementById("attestations").text();
    assertTrue(attested.contains("Addressable decision: an equivalent alternative measure is implemented: Session "
        + "timeout enforced by the EHR application"), attested);
    assertEquals("#a-att-3", html.getElementById("c-hipaa-164-312-a-2-iii").select("a[href=#a-att-3]").attr("href"));
    String baseline = html.getElementById("baseline").text();
    assertTrue(baseline.contains("0 new, 2 resolved") && baseline.contains("1 newly waived"), baseline);
    assertTrue(baseline.contains(DocumentReportsIT.HOSTILE), "resolved findings are named, as text: " + baseline);

    PdfReader reader = new PdfReader(Files.readAllBytes(out.resolve("report.pdf")));
    PdfTextExtractor extractor = new PdfTextExtractor(reader);
    StringBuilder text = new StringBuilder();
    for (int page = 1; page <= reader.getNumberOfPages(); page++) {
      text.append(extractor.getTextFromPage(page)).append('\n');
    }
    assertTrue(extractor.getTextFromPage(2).contains("2026-11-23"), "the assessment date (--as-of) in the running header");
    for (String expected : new String[] {"Change since the baseline", "Waiver register", "WVR-2", "Attestation register",
        "Addressable decision", "Waived under WVR-1"}) {
      assertTrue(text.indexOf(expected) >= 0, expected);
    }
    reader.close();

    // CSV: the waiver, its expiry and the baseline state per row.
    List<Map<String, String>> rows = new ArrayList<>();
    CsvMapper csv = new CsvMapper();
    try (MappingIterator<Map<String, String>> it = csv.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(Files.readString(out.resolve("findings.csv")).substring(1))) {
      it.forEachRemaining(rows::add);
    }
    Map<String, String> waivedRow = rows.stream().filter(r -> r.get("status").equals("WAIVED")).findFirst().orElseThrow();
    assertEquals("WVR-1", waivedRow.get("waiver"));
    assertEquals("2027-06-30", waivedRow.get("waiverExpires"));
    assertEquals("newly waived", waivedRow.get("sinceBaseline"));
    assertTrue(rows.stream().filter(r -> r.get("status").equals("FAIL")).allMatch(r -> r.get("sinceBaseline").equals("still open")));
    assertTrue(rows.stream().filter(r -> r.get("status").equals("PASS")).allMatch(r -> r.get("sinceBaseline").isEmpty()));

    // CSV companions: controls with the Addressable decision, both registers, the comparison.
    Map<String, Map<String, String>> controls = byId(csvRows(csv, out.resolve("controls.csv")));
    assertEquals("Addressable", controls.get("hipaa:164.312(a)(2)(iii)").get("designation"));
    assertEquals("alternative", controls.get("hipaa:164.312(a)(2)(iii)").get("decision"));
    assertEquals("ATT-3", controls.get("hipaa:164.312(a)(2)(iii)").get("attestations"));
    Map<String, Map<String, String>> waiverRows = byId(csvRows(csv, out.resolve("waivers.csv")));
    assertEquals("expired", waiverRows.get("WVR-2").get("state"));
    assertTrue(Integer.parseInt(waiverRows.get("WVR-2").get("uncoveredFindings")) > 0, waiverRows.toString());
    assertEquals("unused", waiverRows.get("WVR-3").get("state"));
    assertEquals("2026-11-23", waiverRows.get("WVR-1").get("asOf"));
    Map<String, String> att3 = byId(csvRows(csv, out.resolve("attestations.csv"))).get("ATT-3");
    assertEquals("alternative", att3.get("decision"));
    assertTrue(att3.get("alternative").startsWith("Session timeout enforced by the EHR"), att3.toString());
    List<Map<String, String>> changes = csvRows(csv, out.resolve("baseline.csv"));
    assertEquals(2, changes.stream().filter(r -> r.get("class").equals("resolved") && r.get("statusNow").equals("absent"))
        .count(), "the two NSGs only the baseline had: " + changes);
    assertEquals(1, changes.stream().filter(r -> r.get("class").equals("newly waived")).count());

    // SARIF: baselineState per result, register states as run properties and notifications.
    JsonNode run = new ObjectMapper().readTree(out.resolve("findings.sarif").toFile()).get("runs").get(0);
    for (JsonNode result : run.get("results")) {
      String expected = result.get("properties").get("status").asText().equals("WAIVED") ? "updated" : "unchanged";
      assertEquals(expected, result.get("baselineState").asText(), result.toString());
    }
    assertEquals(2, run.get("properties").get("baseline").get("counts").get("resolved").asInt());
    assertEquals("expired", run.get("properties").get("waivers").get(1).get("state").asText());
    assertEquals("alternative", run.get("properties").get("attestations").get(0).get("decision").asText());
    String notes = run.get("invocations").get(0).get("toolExecutionNotifications").toString();
    assertTrue(notes.contains("waiver WVR-2 is expired (expires 2026-01-31)") && notes.contains("waiver WVR-3 is unused"),
        notes);

    // JUnit: register suites, and where a finding stands against the baseline.
    Document junit = Jsoup.parse(Files.readString(out.resolve("junit.xml")), "", Parser.xmlParser());
    Element waiverSuite = junit.selectFirst("testsuite[name=attest.waivers]");
    assertEquals("3", waiverSuite.attr("tests"));
    assertEquals("2", waiverSuite.attr("skipped"), "expired (not gated) and unused are skipped");
    assertTrue(waiverSuite.selectFirst("testcase[name=WVR-2] skipped").attr("message").startsWith("waiver expired"));
    assertTrue(junit.selectFirst("testsuite[name=attest.attestations] testcase[name=ATT-3] system-out").text()
        .contains("decision: alternative"));
    assertTrue(junit.selectFirst("testsuite:not([name^=attest.]) failure").text().contains("since baseline: still open"));
    assertTrue(junit.selectFirst("testsuite[name=attest.scan] testcase[name=gate] failure").attr("message")
        .startsWith("gate fail (exit 1): "));
    assertTrue(junit.select("skipped[message^=WAIVED (waiver WVR-1) [newly waived since the baseline]]").size() >= 1);
    int tests = junit.select("testsuite").stream().mapToInt(e -> Integer.parseInt(e.attr("tests"))).sum();
    assertEquals(String.valueOf(tests), junit.selectFirst("testsuites").attr("tests"), "totals include the registers");

    // Markdown: the waivers needing action are named, the Addressable decision is stated.
    String md = Files.readString(out.resolve("summary.md"));
    assertTrue(md.contains("- WVR-2: expired (expires 2026-01-31)") && md.contains("- WVR-3: unused"), md);
    assertTrue(md.contains("an equivalent alternative measure is implemented"), md);
    assertTrue(md.contains("| 0 | 2 |"), "new and resolved counts: " + md);
  }
}
