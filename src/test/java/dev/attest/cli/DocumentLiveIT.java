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
  /** A resource Azure Policy finds non-compliant under 01.n that no rule judged, named with markup. */
  static final String UNJUDGED_NAME = "<img src=x onerror=alert(5)>";
  static final String UNJUDGED = "/subscriptions/" + LiveCollectionIT.SUB1
      + "/resourceGroups/rg-clinical-network/providers/Microsoft.Network/networkSecurityGroups/" + UNJUDGED_NAME;
  static final String VENDOR = "<b>Vendor</b> access until the PACS is replaced";
  static final String FILTER = "policySetDefinitionName eq 'a169a624-5599-4385-a696-c8d643089fab' or "
      + "policySetDefinitionCategory eq 'Regulatory Compliance'";

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
        .policyState(UNJUDGED, "9daedab3-fb2d-461e-b861-71790eead4f6", "NonCompliant", LiveCollectionIT.GROUP_01N)
        .exemption(LiveCollectionIT.PACS, "ex-pacs-vendor", "Waiver", "2026-01-31T00:00:00Z", VENDOR)
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
        + "1 resource(s) non-compliant in Azure Policy were never judged by Attest; 2 policy exemption(s) in scope."),
        policy.text());
    Element row = policy.select("table.policy-controls tbody tr").stream().filter(r -> r.text().startsWith("01.n"))
        .findFirst().orElseThrow();
    assertTrue(row.text().endsWith("1 3 0 1 2 1 differ"), "compliant, non-compliant, exempt, alike, differ, not judged: "
        + row.text());
    assertEquals("#c-hitrust-01-n", row.selectFirst("a").attr("href"));
    List<String> differ = policy.select("table.policy-diff tbody tr").eachText();
    assertEquals(2, differ.size(), differ.toString());
    assertTrue(differ.get(0).contains(LiveCollectionIT.APP) && differ.get(0).contains("PASS NonCompliant"), differ.get(0));
    assertTrue(differ.get(1).contains(LiveCollectionIT.SANDBOX) && differ.get(1).contains("FAIL Compliant"), differ.get(1));
    Element control = html.getElementById("c-hitrust-01-n");
    assertTrue(control.selectFirst(".policy-opinion").text().startsWith("Azure Policy: differs on 2 resource(s); "
        + "1 compliant, 3 non-compliant, 0 exempt"), control.selectFirst(".policy-opinion").text());
    assertEquals(2, control.select("table.policy-diff tbody tr").size());
    assertTrue(pdfPages.stream().anyMatch(p -> p.contains("Azure Policy comparison") && p.contains("Resources judged differently")));
    assertTrue(html.select("nav.toc-nav a[href=#policy]").size() == 1);
  }

  @Test
  void thePolicyChapterHasTheFilterTheUnjudgedResourcesTheAgreementsAndTheExemptionsRegister() {
    assertEquals("States asked with: $filter=" + FILTER + ". States outside the filter were not read and are not compared.",
        html.getElementById("policy-filter").text());
    List<Element> unjudged = html.select("#policy-not-judged table.policy-unjudged tbody tr");
    assertEquals(1, unjudged.size(), "the one NonCompliant resource no rule of 01.n judged");
    assertEquals("hitrust:01.n " + UNJUDGED_NAME + " " + UNJUDGED + " 9daedab3-fb2d-461e-b861-71790eead4f6",
        unjudged.get(0).text());
    assertTrue(html.select("img").isEmpty() && html.select("#policy b").isEmpty(),
        "the unjudged resource's id and the exemption's name stay text");
    List<String> alike = html.select("#policy table.policy-alike tbody tr").eachText();
    assertEquals(1, alike.size(), alike.toString());
    assertTrue(alike.get(0).contains(LiveCollectionIT.PACS) && alike.get(0).endsWith("FAIL NonCompliant"), alike.get(0));

    List<Element> exemptions = html.select("#policy-exemptions table.policy-exemptions tbody tr");
    assertEquals(2, exemptions.size(), "sorted by id: the subscription's, then the NSG's");
    List<String> vendor = exemptions.get(1).select("td").eachText();
    String assignment = "/subscriptions/" + LiveCollectionIT.SUB1
        + "/providers/Microsoft.Authorization/policyAssignments/" + ArmEmulator.HITRUST_HIPAA;
    assertEquals(List.of(VENDOR + " " + LiveCollectionIT.PACS + "/providers/Microsoft.Authorization/policyExemptions/ex-pacs-vendor",
        LiveCollectionIT.PACS, "Waiver", "2026-01-31T00:00:00Z",
        ArmEmulator.HITRUST_HIPAA + " " + assignment + " definitions: ref-ex-pacs-vendor"), vendor,
        "id, scope, category, expiry (not judged: a scan without registers records no assessment date), assignment");
    assertEquals("never", exemptions.get(0).select("td").get(3).text());

    Element control = html.getElementById("c-hitrust-01-n");
    String opinion = control.selectFirst(".policy-opinion").text();
    assertTrue(opinion.contains("1 resource(s) judged alike; 1 non-compliant resource(s) Attest never judged.")
        && opinion.contains("States asked with $filter=" + FILTER), opinion);
    assertEquals(List.of(UNJUDGED_NAME + " " + UNJUDGED + " 9daedab3-fb2d-461e-b861-71790eead4f6"),
        control.select("table.policy-unjudged tbody tr").eachText());
    assertEquals(1, control.select("table.policy-alike tbody tr").size());

    String pdf = String.join("\n", pdfPages);
    // OpenPDF's extractor may emit the runs of a line set in the code font out of order: each piece is looked for alone.
    assertTrue(pdf.contains("States asked with: $filter=policySetDefinitionName eq 'a169a624-5599-4385-a696-c8d643089fab' or")
        && pdf.contains("policySetDefinitionCategory eq 'Regulatory Compliance'"), "the PDF names the filter");
    assertTrue(pdf.contains("Non-compliant in Azure Policy, not judged by Attest"), "and lists the unjudged resources");
    assertTrue(pdf.contains(UNJUDGED_NAME), "the hostile id prints as text");
    assertTrue(pdf.contains("Resources judged alike") && pdf.contains("Judged alike"), "agreements, in the chapter and the control");
    assertTrue(pdf.contains("Policy exemptions register") && pdf.contains(VENDOR)
        && pdf.replace(" ", "").contains("/policyExemptions/ex-pacs-vendor") && pdf.replace(" ", "").contains("2026-01-31T00:00:00Z"),
        "the exemptions register (its narrow columns wrap ids and dates)");
    assertTrue(pdf.contains("1 non-compliant resource(s) Attest never"), "the control's paragraph counts them");
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
