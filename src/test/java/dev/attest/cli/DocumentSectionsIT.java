package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the HTML and PDF say beyond the findings, through the real CLI: the reporting period and
 * scope name on the cover (scan, report and bundle), waivers and the Addressable decision in each
 * control section (and a flag where no decision is recorded), HITRUST requirement lines, a gate
 * explained under --fail-on-new and --expired-waivers fail, the register's combined and uncovered
 * waiver states, and the baseline and area charts.
 */
class DocumentSectionsIT {
  @TempDir
  static Path dir;
  static Path out;
  static Cli scan;
  static JsonNode findings;
  static Document html;
  static String pdf;
  static List<String> pdfPages = new ArrayList<>();

  @BeforeAll
  static void scan() throws Exception {
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
          - id: WVR-4
            rules: [AZ-NET-*]
            resources: ["/subscriptions/*/resourceGroups/rg-retired/**"]
            category: mitigated
            compensatingControl: Firewall in front of the retired subnet.
            justification: Retired subnet, removal scheduled.
            approver: CISO
            expires: 2026-12-01
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
    Path before = dir.resolve("before");
    Cli first = Cli.run("scan", "--demo", "--out", before.toString(), "--format", "json");
    assertEquals(1, first.exit(), first.toString());
    out = dir.resolve("out");
    // The hostile snapshot adds two NSGs open to RDP: new failures against the demo-only baseline.
    scan = Cli.run("scan", "--demo", "--snapshot", DocumentReportsIT.hostileSnapshot(dir).toString(), "--out", out.toString(),
        "--format", "json,html,pdf", "--as-of", "2026-11-23", "--waivers", waivers.toString(),
        "--attestations", attestations.toString(), "--baseline", before.resolve("findings.json").toString(), "--fail-on-new",
        "--expired-waivers", "fail", "--period", "2026-Q3", "--scope-name", "Contoso PHI production");
    findings = new ObjectMapper().readTree(out.resolve("findings.json").toFile());
    html = Jsoup.parse(Files.readString(out.resolve("report.html")));
    PdfReader reader = new PdfReader(Files.readAllBytes(out.resolve("report.pdf")));
    PdfTextExtractor extractor = new PdfTextExtractor(reader);
    for (int page = 1; page <= reader.getNumberOfPages(); page++) {
      pdfPages.add(extractor.getTextFromPage(page).replaceAll("\\s+", " "));
    }
    pdf = String.join("\n", pdfPages);
    reader.close();
  }

  @Test
  void theCoverShowsThePeriodAndScopeName() throws Exception {
    assertEquals(1, scan.exit(), scan.toString());
    String cover = html.getElementById("cover").text();
    assertTrue(cover.contains("Scope Contoso PHI production"), cover);
    assertTrue(cover.contains("Reporting period 2026-Q3 (2026-07-01 to 2026-09-30 (UTC))"), cover);
    assertTrue(cover.contains("configuration evidence for Contoso PHI production"), cover);
    assertTrue(pdfPages.get(0).contains("2026-Q3") && pdfPages.get(0).contains("Contoso PHI production"), pdfPages.get(0));
    assertTrue(pdfPages.get(1).contains("Contoso PHI production"), "the running header names the scope");

    // attest report: from the saved findings, with the period and name given again.
    Cli report = Cli.run("report", out.resolve("findings.json").toString(), "--format", "html", "--out",
        dir.resolve("again").toString(), "--period", "2026-07-01..2026-09-30", "--scope-name", "PHI (re-rendered)");
    assertEquals(0, report.exit(), report.toString());
    String again = Jsoup.parse(Files.readString(dir.resolve("again/report.html"))).getElementById("cover").text();
    assertTrue(again.contains("Reporting period 2026-07-01..2026-09-30") && again.contains("PHI (re-rendered)"), again);

    // attest bundle: the bundle's own report carries them too.
    // The registers the scan weighed go with it, or the bundle would not reproduce its findings.
    Cli bundle = Cli.run("bundle", out.resolve("findings.json").toString(), "--format", "html", "--out",
        dir.resolve("bundles").toString(), "--period", "2026-Q3", "--scope-name", "phi-prod",
        "--waivers", dir.resolve("waivers.yaml").toString(), "--attestations", dir.resolve("attestations.yaml").toString(),
        "--baseline", dir.resolve("before/findings.json").toString(), "--as-of", "2026-11-23");
    assertEquals(0, bundle.exit(), bundle.toString());
    Path bundled = BundleCommandIT.onlyBundle(dir.resolve("bundles")).resolve("report.html");
    String bundledCover = Jsoup.parse(Files.readString(bundled)).getElementById("cover").text();
    assertTrue(bundledCover.contains("Reporting period 2026-Q3") && bundledCover.contains("Scope phi-prod"), bundledCover);
  }

  @Test
  void theGateExplainsNewFindingsAndExpiredWaivers() {
    JsonNode gate = findings.get("summary").get("gate");
    assertTrue(gate.get("newFindingsOnly").asBoolean(), gate.toString());
    int gated = gate.get("failingAtOrAboveThreshold").asInt();
    int all = 0;
    for (JsonNode f : findings.get("findings")) {
      all += f.get("status").asText().equals("FAIL") && Set.of("high", "critical").contains(f.get("severity").asText()) ? 1 : 0;
    }
    assertTrue(gated > 0 && gated < all, gated + " of " + all);
    String summary = html.getElementById("summary").text();
    assertTrue(summary.contains(gated + " new unwaived failing finding(s) at or above high: with --fail-on-new only "
        + "findings not in the baseline"), summary);
    assertTrue(summary.contains(all + " unwaived failing finding(s) at or above high in all, " + (all - gated)
        + " of them already in the baseline"), summary);
    assertTrue(summary.contains("1 expired waiver(s) (WVR-2) fail the gate (--expired-waivers fail)"), summary);
    assertTrue(html.getElementById("cover").text().contains("1 expired waiver(s) (WVR-2) fail the gate"));
    assertTrue(pdf.contains("new unwaived failing finding(s) at or above high"), "the PDF explains it too");
  }

  @Test
  void controlSectionsShowWaiversDecisionsAndHitrustRequirements() {
    Element transmission = html.getElementById("c-hipaa-164-312-e-1");
    Element waivers = transmission.selectFirst("table.control-waivers");
    assertTrue(waivers != null, transmission.text());
    String row = waivers.select("tbody tr").stream().map(Element::text).filter(t -> t.startsWith("WVR-1")).findFirst()
        .orElseThrow();
    assertTrue(row.contains("active") && row.contains("risk-accepted") && row.contains("Vendor support path")
        && row.contains("Privacy Officer") && row.contains("CHG-10442") && row.contains("2027-06-30")
        && row.matches(".*\\d+ waived$"), row);

    // WVR-2 expired: the AZ-NET-0002 failure it used to cover shows under that rule's controls.
    Element expired = html.select(".control-waivers tbody tr").stream().filter(r -> r.text().startsWith("WVR-2"))
        .findFirst().orElseThrow();
    assertTrue(expired.text().contains("expired") && expired.text().contains("no longer covers 1 failure(s)"),
        expired.text());

    Element logoff = html.getElementById("c-hipaa-164-312-a-2-iii");
    assertEquals("Addressable decision: an equivalent alternative measure is implemented. Alternative: Session timeout "
        + "enforced by the EHR application instead of the operating system. (attestation ATT-3).",
        logoff.selectFirst(".decision").text());
    assertTrue(logoff.select(".flag").isEmpty());
    Element encryption = html.getElementById("c-hipaa-164-312-a-2-iv");
    assertEquals("Addressable", encryption.selectFirst(".designation").text());
    assertEquals("no decision recorded", encryption.selectFirst(".flag").text());
    assertTrue(encryption.selectFirst(".decision-missing").text().startsWith("Addressable decision: none recorded."));
    assertTrue(html.getElementById("c-hipaa-164-312-a-1").select(".flag").isEmpty(), "Required specs need no decision");

    String hitrust = html.getElementById("c-hitrust-01-b").selectFirst(".requirement").text();
    assertTrue(hitrust.startsWith("Requirement: control objective 01.02 Authorized Access to Information Systems; "
        + "HITRUST CSF requirement statements 1106.01b1System.1-01.b,"), hitrust);

    assertTrue(pdf.contains("no decision recorded") && pdf.contains("Waivers bearing on this control")
        && pdf.contains("control objective 01.02 Authorized Access to Information Systems"));
  }

  @Test
  void theRegisterShowsCombinedStatesAndWhatAnExpiredWaiverNoLongerCovers() {
    String register = html.getElementById("waivers").text();
    Element unused = html.select("#waivers .register-entry").stream().filter(e -> e.text().startsWith("WVR-4"))
        .findFirst().orElseThrow();
    assertEquals(List.of("unused", "expiring-soon"), unused.select("h4 .state").eachText(),
        "unused and running out within 30 days of 2026-11-23");
    assertTrue(register.contains("WVR-2 expired"), register);
    assertTrue(register.contains("it no longer covers 1 failing finding(s), which read FAIL again"), register);
    assertTrue(pdf.contains("no longer covers 1 failing finding(s)"));
  }

  @Test
  void theSummaryChartsTheBaselineChangeAndTheAreas() {
    JsonNode counts = findings.get("summary").get("baseline");
    Element chart = html.getElementById("chart-baseline");
    List<String> titles = chart.select("svg rect title").eachText();
    assertEquals(List.of("new: " + counts.get("newFindings").asInt(), "resolved: " + counts.get("resolved").asInt(),
        "still open: " + counts.get("stillOpen").asInt(), "newly waived: " + counts.get("newlyWaived").asInt()), titles);
    assertFalse(html.select("#chart-areas-svg svg rect.st-fail").isEmpty(), "stacked area bars");
    assertTrue(html.select("[src], link").isEmpty(), "charts are inline: nothing fetched");
    // The PDF keeps the area heading with its table: the page that has the heading has the first rows too.
    String page = pdfPages.stream().filter(p -> p.contains("Findings by area")).findFirst().orElseThrow();
    assertTrue(page.contains("Area Pass Fail") && page.contains("encryption"), page);
  }
}
