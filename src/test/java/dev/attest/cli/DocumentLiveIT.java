package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import dev.attest.live.ArmEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live scan's HTML and PDF, through the real SDK clients against the emulator: the collection
 * coverage on the cover (first page of the PDF), the Azure Policy comparison per control and per
 * resource, and the log evidence with its status, bounded rows and escaped values.
 */
class DocumentLiveIT {
  static final String IMG = "<img src=x onerror=alert(3)>";

  @TempDir
  static Path dir;
  static Cli scan;
  static Document html;
  static List<String> pdfPages = new ArrayList<>();

  @BeforeAll
  static void scan() throws Exception {
    List<List<String>> activity = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      activity.add(List.of("2026-08-01T10:%02d:00Z".formatted(i), i == 0 ? IMG : "admin@contoso.example",
          "MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS/WRITE"));
    }
    try (ArmEmulator emulator = LiveCollectionIT.withPolicy()
        .logTable(LiveCollectionIT.WS1, "AzureActivity", List.of("TimeGenerated", "Caller", "OperationNameValue"), activity)
        .logTable(LiveCollectionIT.WS1, "AzureDiagnostics", List.of("Resource", "OperationName"), List.of())) {
      scan = LiveScanIT.live(ArmEmulator.connector(), "scan", "--subscription", LiveCollectionIT.SUB1, "--subscription",
          LiveCollectionIT.SUB2, "--fail-on", "none", "--format", "json,html,pdf", "--out", dir.toString(),
          "--arm-endpoint", emulator.baseUrl(), "--auth", "cli", "--logs-endpoint", emulator.baseUrl() + "v1",
          "--period", "2026-Q3");
    }
    html = Jsoup.parse(Files.readString(dir.resolve("report.html")));
    PdfReader reader = new PdfReader(Files.readAllBytes(dir.resolve("report.pdf")));
    PdfTextExtractor extractor = new PdfTextExtractor(reader);
    for (int page = 1; page <= reader.getNumberOfPages(); page++) {
      pdfPages.add(extractor.getTextFromPage(page).replaceAll("\\s+", " "));
    }
    reader.close();
  }

  @Test
  void theCoverHasTheCollectionCoverage() {
    assertEquals(3, scan.exit(), "log queries not collected make the scan incomplete: " + scan);
    Element coverage = html.getElementById("cover").getElementById("coverage");
    assertTrue(coverage.text().contains("Collection was not complete"), coverage.text());
    List<String> scopes = coverage.select("table.coverage tbody tr").eachText();
    assertEquals(2, scopes.size(), scopes.toString());
    assertTrue(scopes.get(0).startsWith(LiveCollectionIT.SUB2 + " partial log queries: 4 of 4 not collected"),
        "the scope whose log queries failed comes first, with its reason: " + scopes);
    assertEquals(LiveCollectionIT.SUB1 + " complete", scopes.get(1));
    List<String> reads = coverage.select("table.reads tbody tr").eachText();
    assertTrue(reads.stream().anyMatch(r -> r.startsWith("policy states 2 0 0 0")), reads.toString());
    assertTrue(reads.stream().anyMatch(r -> r.startsWith("log queries")), reads.toString());
    assertTrue(coverage.select("td.bad").size() > 0, "what was not complete is marked");
    String first = pdfPages.get(0);
    assertTrue(first.contains("Collection coverage") && first.contains(LiveCollectionIT.SUB2), "first page of the PDF: " + first);
    assertTrue(html.getElementById("cover").text().contains("Reporting period 2026-Q3"));
  }

  @Test
  void thePolicyComparisonShowsAgreementPerControlAndTheResourcesThatDiffer() {
    Element policy = html.getElementById("policy");
    assertTrue(policy.text().contains("Policy states: collected. 1 resource verdict(s) agree with Attest, 2 differ; "
        + "1 policy exemption(s) in scope."), policy.text());
    Element row = policy.select("table.policy-controls tbody tr").stream().filter(r -> r.text().startsWith("01.n"))
        .findFirst().orElseThrow();
    assertTrue(row.text().endsWith("1 2 0 1 2 differ"), "compliant, non-compliant, exempt, alike, differ: " + row.text());
    assertEquals("#c-hitrust-01-n", row.selectFirst("a").attr("href"));
    List<String> differ = policy.select("table.policy-diff tbody tr").eachText();
    assertEquals(2, differ.size(), differ.toString());
    assertTrue(differ.get(0).contains(LiveCollectionIT.APP) && differ.get(0).contains("PASS NonCompliant"), differ.get(0));
    assertTrue(differ.get(1).contains(LiveCollectionIT.SANDBOX) && differ.get(1).contains("FAIL Compliant"), differ.get(1));
    Element control = html.getElementById("c-hitrust-01-n");
    assertTrue(control.selectFirst(".policy-opinion").text().startsWith("Azure Policy: differs on 2 resource(s); "
        + "1 compliant, 2 non-compliant, 0 exempt"), control.selectFirst(".policy-opinion").text());
    assertEquals(2, control.select("table.policy-diff tbody tr").size());
    assertTrue(pdfPages.stream().anyMatch(p -> p.contains("Azure Policy comparison") && p.contains("Resources judged differently")));
    assertTrue(html.select("nav.toc-nav a[href=#policy]").size() == 1);
  }

  @Test
  void theLogEvidenceShowsEveryResultBoundedAndEscaped() {
    Element evidence = html.getElementById("evidence");
    assertTrue(evidence.text().contains("2 met, 1 not met, 5 not collected."), evidence.text());
    List<Element> entries = evidence.select(".evidence-entry");
    assertEquals(8, entries.size(), "4 queries x 2 workspaces");
    Element roles = entries.stream().filter(e -> e.text().startsWith("EV-IAM-0001") && e.text().contains("law-contoso-security"))
        .findFirst().orElseThrow();
    assertEquals("met", roles.selectFirst(".ev-status").text());
    assertTrue(roles.text().contains("More than 50 row(s) found; 50 kept as evidence."), roles.text());
    assertEquals(List.of("TimeGenerated", "Caller", "OperationNameValue"), roles.select("thead th").eachText());
    assertEquals(50, roles.select("tbody tr").size(), "the HTML shows every kept row");
    assertTrue(roles.select("img").isEmpty() && roles.text().contains(IMG), "a log value stays text");
    assertTrue(roles.text().contains("hipaa:164.308(a)(1)(ii)(D)") || roles.text().contains("controls"), roles.text());
    Element signIns = entries.stream().filter(e -> e.text().startsWith("EV-IAM-0002") && e.text().contains("law-contoso-security"))
        .findFirst().orElseThrow();
    assertEquals("not collected", signIns.selectFirst(".ev-status").text());
    assertTrue(signIns.text().contains("Not collected because: table SigninLogs does not exist in the workspace"),
        signIns.text());
    assertTrue(signIns.select("table").isEmpty(), "no rows for what was not collected");
    assertTrue(html.select("[id^=c-] .log-evidence a[href=#" + roles.id() + "]").size() > 0,
        "the controls it evidences link to it");

    String pdf = String.join("\n", pdfPages);
    assertTrue(pdf.contains("Log evidence") && pdf.contains("not collected"), "the PDF has the chapter");
    assertTrue(pdf.contains("the first 10 shown here (all kept rows are in findings.json)"), "and bounds the rows");
    assertTrue(pdf.contains(IMG), "escaped markup prints as text");
    assertFalse(pdf.contains("2026-08-01T10:20:00Z"), "row 21 of 50 is left to findings.json");
  }
}
