package dev.attest.report.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import dev.attest.assessment.Assessment;
import dev.attest.controls.ControlCatalog;
import dev.attest.policy.ControlPolicy;
import dev.attest.policy.Exemption;
import dev.attest.policy.PolicyOverview;
import dev.attest.report.SampleScan;
import dev.attest.report.pdf.PdfReportWriter;
import dev.attest.rules.RulePackLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Azure Policy in the HTML and PDF: the filter the states were asked with, the resources judged
 * alike, those Policy found non-compliant that Attest never judged, and the exemptions register,
 * in the chapter and in the control's paragraph, every value escaped, every list bounded (tighter
 * in the PDF) with a line saying how many more findings.json lists or counts.
 */
class ReportViewPolicyTest {
  static final String CONTROL = "hipaa:164.312(e)(1)";
  static final String ANCHOR = "c-hipaa-164-312-e-1";

  @TempDir
  static Path dir;
  static ControlCatalog catalog;
  static Assessment live;
  static String source;
  static Document html;
  static String pdf;

  @BeforeAll
  static void setUp() throws Exception {
    catalog = RulePackLoader.load(SampleScan.writePack(dir.resolve("catalog"))).catalog();
    live = SampleScan.withLiveSections(SampleScan.assess(dir.resolve("sample")));
    source = new DocumentTemplates(null).render(new ReportViewBuilder(catalog).build(live));
    html = Jsoup.parse(source);
    pdf = pdfText(live, dir.resolve("pdf"));
  }

  static String pdfText(Assessment assessment, Path out) throws Exception {
    new PdfReportWriter(DocumentOptions.defaults()).write(assessment, out);
    PdfReader reader = new PdfReader(Files.readAllBytes(out.resolve("report.pdf")));
    PdfTextExtractor extractor = new PdfTextExtractor(reader);
    StringBuilder text = new StringBuilder();
    for (int page = 1; page <= reader.getNumberOfPages(); page++) {
      text.append(extractor.getTextFromPage(page)).append('\n');
    }
    reader.close();
    return text.toString().replaceAll("\\s+", " ");
  }

  @Test
  void theChapterShowsTheFilterTheUnjudgedResourcesTheAgreementsAndTheExemptions() {
    Element policy = html.getElementById("policy");
    assertTrue(policy.selectFirst(".policy-totals").text().contains("2 resource verdict(s) agree with Attest, 1 differ; "
        + "1 resource(s) non-compliant in Azure Policy were never judged by Attest; 1 policy exemption(s) in scope."),
        policy.selectFirst(".policy-totals").text());
    assertEquals("States asked with: $filter=" + SampleScan.POLICY_FILTER + ". States outside the filter were not read "
        + "and are not compared.", html.getElementById("policy-filter").text());

    Element row = policy.select("table.policy-controls tbody tr").first();
    assertTrue(row.text().endsWith("0 4 0 2 1 1 differ"), "compliant, non-compliant, exempt, alike, differ, not judged: "
        + row.text());
    assertEquals(1, row.select("td.bad").size(), "a control with unjudged non-compliant resources is marked");

    List<Element> unjudged = html.getElementById("policy-not-judged").select("table.policy-unjudged tbody tr");
    assertEquals(1, unjudged.size());
    assertEquals(CONTROL + " <img src=x onerror=alert(4)> " + SampleScan.UNJUDGED + " def-nsg-<flow>", unjudged.get(0).text());
    assertEquals("#" + ANCHOR, unjudged.get(0).selectFirst("a").attr("href"));

    List<String> alike = policy.select("table.policy-alike tbody tr").eachText();
    assertEquals(2, alike.size(), alike.toString());
    assertTrue(alike.get(1).startsWith(CONTROL + " old ") && alike.get(1).endsWith("FAIL NonCompliant"), alike.toString());

    List<Element> exemptions = html.getElementById("policy-exemptions").select("table.policy-exemptions tbody tr");
    assertEquals(1, exemptions.size());
    List<String> cells = exemptions.get(0).select("td").eachText();
    assertEquals(List.of(SampleScan.EXEMPTION_NAME + " " + SampleScan.EXEMPTION, SampleScan.RG, "Waiver",
        "2026-09-30T00:00:00Z expired", "hitrust-hipaa " + SampleScan.ASSIGNMENT + " definitions: ref-tls"), cells,
        "id, scope, category, expiry (before the assessment date of 2026-11-01), assignment");
    assertTrue(policy.select(".more").isEmpty(), "nothing left out of lists this short");
  }

  @Test
  void everyPolicyValueIsEscaped() {
    assertTrue(html.select("img").isEmpty(), "the unjudged resource's name is text, not an element");
    assertTrue(html.select("#policy b, #" + ANCHOR + " b").isEmpty(), "the exemption's display name is text");
    assertFalse(source.contains("<img src=x"), "no markup from a resource id");
    assertFalse(source.contains("<b>Vendor"), "nor from an exemption's display name");
    assertTrue(source.contains("networkSecurityGroups/&lt;img src=x onerror=alert(4)&gt;"));
    assertTrue(source.contains("policySetDefinitionName eq &#39;a169a624"), "the filter's quotes are escaped too");
  }

  @Test
  void theControlsParagraphHasTheFilterTheUnjudgedAndTheAgreements() {
    Element control = html.getElementById(ANCHOR);
    String opinion = control.selectFirst(".policy-opinion").text();
    assertTrue(opinion.startsWith("Azure Policy: differs on 1 resource(s); 0 compliant, 4 non-compliant, 0 exempt under the "
        + "policies grouped under this control; 2 resource(s) judged alike; 1 non-compliant resource(s) Attest never judged."),
        opinion);
    assertTrue(opinion.contains("States asked with $filter=" + SampleScan.POLICY_FILTER), opinion);
    assertEquals("#policy-exemptions", control.selectFirst(".policy-asked a").attr("href"));
    assertEquals(List.of("<img src=x onerror=alert(4)> " + SampleScan.UNJUDGED + " def-nsg-<flow>"),
        control.select("table.policy-unjudged tbody tr").eachText());
    assertEquals(2, control.select("table.policy-alike tbody tr").size());
    assertEquals(1, control.select("table.policy-diff tbody tr").size());
  }

  @Test
  void thePdfHasTheSameEscapedContent() {
    // OpenPDF's extractor may emit a line's runs in another font (code) out of order: each is looked for alone.
    assertTrue(pdf.contains("States asked with: $filter=policySetDefinitionName eq 'a169a624-5599-4385-a696-c8d643089fab' or")
        && pdf.contains("policySetDefinitionCategory eq 'Regulatory Compliance'"), "the filter");
    assertTrue(pdf.contains("Non-compliant in Azure Policy, not judged by Attest"), "the unjudged resources");
    assertTrue(pdf.contains("<img src=x onerror=alert(4)>"), "the hostile name prints as text");
    assertTrue(pdf.contains("networkSecurityGroups/<img src=x"), "and so does its id");
    assertTrue(pdf.contains("Resources judged alike") && pdf.contains("Judged alike"), "agreements, chapter and control");
    assertTrue(pdf.contains("Policy exemptions register") && pdf.contains(SampleScan.EXEMPTION_NAME)
        && pdf.contains("ex-vendor") && pdf.contains("expired"), "the register");
    assertTrue(pdf.contains("1 non-compliant resource(s) Attest never"), "the control's paragraph");
  }

  /** hipaa:164.312(e)(1) with {@code agree} agreements (50 listed), 80 unjudged (50 listed), and 300 exemptions. */
  static Assessment large(int agree) {
    String accounts = SampleScan.RG + "/providers/Microsoft.Storage/storageAccounts/acct-";
    List<ControlPolicy.Agreement> agreements = IntStream.range(0, ControlPolicy.LISTED)
        .mapToObj(i -> new ControlPolicy.Agreement(accounts + "%03d".formatted(i), "PASS", "Compliant")).toList();
    List<ControlPolicy.NotJudged> unjudged = IntStream.range(0, ControlPolicy.LISTED)
        .mapToObj(i -> new ControlPolicy.NotJudged(accounts + "nj-%03d".formatted(i), List.of("def-x"))).toList();
    ControlPolicy opinion = new ControlPolicy(agree, 80, 0, agree, agreements, List.of(), 80, unjudged);
    List<Exemption> exemptions = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      exemptions.add(new Exemption(SampleScan.RG + "/providers/Microsoft.Authorization/policyExemptions/ex-%03d".formatted(i),
          "ex-%03d".formatted(i), null, SampleScan.RG, "Mitigated", null, SampleScan.ASSIGNMENT, List.of()));
    }
    return new Assessment(live.summary(), live.controls().stream()
        .map(c -> c.id().equals(CONTROL) ? c.withPolicy(opinion) : c).toList(), live.findings(), live.waivers(),
        live.attestations(), live.baseline(), live.rules(), new PolicyOverview("collected", null, null, List.of(), 300,
        exemptions, agree, 0, 80), live.evidence());
  }

  @Test
  void everyListIsBoundedAndSaysHowManyMoreFindingsJsonHas() throws Exception {
    Assessment large = large(120);
    ReportView view = new ReportViewBuilder(catalog).build(large);
    PolicySections.ControlPolicyView control = ReportViewBuilderTest.control(view, CONTROL).policy();
    assertEquals(PolicySections.HTML.agreementsPerControl(), control.agreements().items().size());
    assertEquals(120 - PolicySections.HTML.agreementsPerControl(), control.agreements().notShown());
    assertEquals(50, control.agreements().listed());
    assertEquals(PolicySections.HTML.notJudgedPerControl(), control.notJudged().items().size());
    assertEquals(80, control.notJudged().total());
    assertEquals(50, view.policy().agreements().items().size(), "the chapter shows every agreement findings.json lists");
    assertEquals(300, view.policy().exemptionRegister().items().size());

    ReportView paged = new ReportViewBuilder(catalog, true, DocumentOptions.PageSize.A4, c -> true).build(large);
    PolicySections.ControlPolicyView inPdf = ReportViewBuilderTest.control(paged, CONTROL).policy();
    assertEquals(PolicySections.PDF.agreementsPerControl(), inPdf.agreements().items().size());
    assertEquals(PolicySections.PDF.notJudgedPerControl(), inPdf.notJudged().items().size());
    assertEquals(PolicySections.PDF.agreements(), paged.policy().agreements().items().size());
    assertEquals(PolicySections.PDF.notJudged(), paged.policy().notJudged().items().size());
    assertEquals(PolicySections.PDF.exemptions(), paged.policy().exemptionRegister().items().size());
    assertEquals(300 - PolicySections.PDF.exemptions(), paged.policy().exemptionRegister().notShown());

    Document page = Jsoup.parse(new DocumentTemplates(null).render(view));
    Element section = page.getElementById(ANCHOR);
    assertEquals(20, section.select("table.policy-alike tbody tr").size());
    List<String> more = section.select(".more").eachText();
    assertTrue(more.contains("100 more resource(s) judged alike not shown here; findings.json lists 50 of the 120 by id "
        + "(controls[].policy.agreements, the first 50 per control) and counts them all."), more.toString());
    assertTrue(more.contains("55 more unjudged resource(s) not shown here; findings.json lists 50 of the 80 by id "
        + "(controls[].policy.notJudged, the first 50 per control) and counts them all."), more.toString());
    List<String> chapter = page.getElementById("policy").select(".more").eachText();
    assertTrue(chapter.stream().anyMatch(m -> m.startsWith("70 more resource(s) judged alike not shown here")),
        "the chapter's bound: " + chapter);

    String text = pdfText(large, dir.resolve("large-pdf"));
    assertTrue(text.contains("118 more resource(s) judged alike not shown here"), "2 per control in the PDF");
    assertTrue(text.contains("77 more unjudged resource(s) not shown here"), "3 per control");
    assertTrue(text.contains("30 more non-compliant resource(s) Attest never judged not shown here"), "50 in the chapter");
    assertTrue(text.contains("250 more exemption(s) not shown here are all in findings.json")
        && text.contains("policy.exemptionDetails"), "the PDF's register shows 50");
    assertFalse(text.contains("ex-050"), "the 51st exemption is left to findings.json");
  }
}
