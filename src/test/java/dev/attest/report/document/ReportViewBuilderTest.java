package dev.attest.report.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attest.TestPacks;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.Assessor;
import dev.attest.assessment.Gate;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.report.document.ReportView.ControlView;
import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
import dev.attest.rules.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view model: the PDF stays bounded for any tenant size, the HTML keeps everything up to its bound, worst first. */
class ReportViewBuilderTest {
  static final String CONTROL = "hipaa:164.312(e)(1)";

  @TempDir
  static Path dir;
  static RulePack pack;
  static Assessment large;

  @BeforeAll
  static void setUp() throws Exception {
    pack = RulePackLoader.load(TestPacks.write(dir, Map.of(
        "t/AZ-TST-0001.yaml", TestPacks.rule("AZ-TST-0001", "Microsoft.Web/sites", "field: properties.x\nequals: 1", null),
        "t/AZ-TST-0001.fixtures.yaml", "[]")));
    assertTrue(pack.valid(), pack.problems().toString());
    large = assessmentOf(300);
  }

  /** {@code n} findings of one rule: every third passes, the rest fail (medium), the last one critical. */
  static Assessment assessmentOf(int n) {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Status status = i % 3 == 0 ? Status.PASS : Status.FAIL;
      String severity = i == n - 1 ? "critical" : "medium";
      findings.add(new Finding(String.format("AZ-TST-0001-%05d", i), "AZ-TST-0001", "Test rule",
          "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app-" + i, "app-" + i,
          "Microsoft.Web/sites", "s", status, severity, "tls", List.of(CONTROL), "message " + i, List.of()));
    }
    return new Assessor("test").assess(pack, new InventoryBuilder().build(), findings, new Gate(Severity.HIGH, Set.of()));
  }

  @Test
  void theHtmlListsEveryFindingUpToItsBoundWorstFirst() {
    ReportView small = new ReportViewBuilder(pack.catalog(), false, DocumentOptions.PageSize.A4, c -> true).build(large);
    assertEquals(300, small.findings().items().size());
    assertFalse(small.findings().bounded());
    int n = ReportViewBuilder.HTML_FINDINGS + 600;
    ReportView html = new ReportViewBuilder(pack.catalog(), false, DocumentOptions.PageSize.A4, c -> true)
        .build(assessmentOf(n));
    assertEquals(n, html.findings().total());
    assertEquals(ReportViewBuilder.HTML_FINDINGS, html.findings().items().size());
    assertTrue(html.findings().bounded());
    assertEquals("app-" + (n - 1), html.findings().items().get(0).resourceName(), "the critical one first");
    long failing = 2L * n / 3;
    assertTrue(html.findings().items().stream().limit(failing).allMatch(f -> f.status().equals("FAIL")),
        "every failure is listed before any pass");
  }

  static ControlView control(ReportView view, String id) {
    return view.hipaa().stream().flatMap(g -> g.controls().stream()).filter(c -> c.id().equals(id)).findFirst()
        .orElseThrow();
  }

  @Test
  void thePdfShowsTheWorstFindingsAndCountsTheRest() {
    ReportView pdf = new ReportViewBuilder(pack.catalog(), true, DocumentOptions.PageSize.LETTER, c -> true).build(large);
    assertEquals(300, pdf.findings().total());
    assertEquals(ReportViewBuilder.PDF_FINDINGS, pdf.findings().items().size());
    assertTrue(pdf.findings().bounded());
    assertTrue(pdf.findings().items().stream().noneMatch(f -> f.status().equals("PASS")), "passes are left to the CSV/JSON");
    assertEquals("app-299", pdf.findings().items().get(0).resourceName(), "the critical one first");
    ControlView transmission = control(pdf, CONTROL);
    assertEquals(ReportViewBuilder.PDF_PER_CONTROL, transmission.worst().size());
    assertEquals(200, transmission.failingTotal());
    assertEquals(200 - ReportViewBuilder.PDF_PER_CONTROL, transmission.notShown());
    assertEquals(300, transmission.resourcesTested());
    assertEquals(200, transmission.counts().fail(), "the counts always cover every finding");
    assertEquals("letter", pdf.pageSize());
  }

  @Test
  void theHtmlListsEveryFindingWorstFirst() {
    ReportView html = new ReportViewBuilder(pack.catalog()).build(large);
    assertEquals(300, html.findings().items().size());
    assertFalse(html.findings().bounded());
    List<String> statuses = html.findings().items().stream().map(ReportView.FindingView::status).distinct().toList();
    assertEquals(List.of("FAIL", "PASS"), statuses);
    assertEquals(ReportViewBuilder.HTML_PER_CONTROL, control(html, CONTROL).worst().size());
    assertEquals("fix it", html.findings().items().get(0).remediation().text(), "failures carry the rule's remediation");
    assertEquals(null, html.findings().items().get(299).remediation(), "passes need none");
  }

  @Test
  void coverageIsShownHonestlyForControlsNoScanCanSatisfy() {
    ReportView view = new ReportViewBuilder(pack.catalog()).build(large);
    assertEquals("inherited", control(view, "hipaa:164.310(a)(1)").statusKey());
    assertEquals("manual", control(view, "hipaa:164.308(a)(1)(ii)(A)").statusKey());
    assertEquals("not_satisfied", control(view, CONTROL).statusKey());
    assertEquals(List.of("164.308", "164.310", "164.312"), view.hipaa().stream().map(ReportView.Group::key).toList());
  }

  @Test
  void renderingIsDeterministicAndEscapesEveryValue() throws Exception {
    List<Finding> findings = List.of(new Finding("AZ-TST-0001-x", "AZ-TST-0001", "Test rule",
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/<img src=x onerror=alert(1)>",
        "<img src=x onerror=alert(1)>", "Microsoft.Web/sites", "s", Status.FAIL, "high", "tls", List.of(CONTROL),
        "message with \"quotes\" & <b>tags</b>", List.of()));
    Assessment assessment = new Assessor("test").assess(pack, new InventoryBuilder().build(), findings,
        new Gate(Severity.HIGH, Set.of()));
    DocumentTemplates templates = new DocumentTemplates(null);
    String html = templates.render(new ReportViewBuilder(pack.catalog()).build(assessment));
    assertEquals(html, templates.render(new ReportViewBuilder(pack.catalog()).build(assessment)));
    assertFalse(html.contains("<img"), "no element from a resource name");
    assertFalse(html.contains("<b>tags"), "no element from a message");
    assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assertTrue(html.contains("&quot;quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;"));
  }

  @Test
  void thePdfCoverSaysWhenItsFontCannotDrawAResourceName() throws Exception {
    List<Finding> findings = List.of(new Finding("AZ-TST-0001-y", "AZ-TST-0001", "Test rule",
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/患者-app", "患者-app", "Microsoft.Web/sites",
        "s", Status.PASS, "high", "tls", List.of(CONTROL), "m", List.of()));
    Assessment assessment = new Assessor("test").assess(pack, new InventoryBuilder().build(), findings,
        new Gate(Severity.HIGH, Set.of()));
    ReportView latinOnly = new ReportViewBuilder(pack.catalog(), true, DocumentOptions.PageSize.A4, c -> c <= 0xFF).build(assessment);
    assertTrue(latinOnly.glyphsMissing());
    assertEquals(List.of("U+60A3 (CJK Unified Ideographs)", "U+8005 (CJK Unified Ideographs)"), latinOnly.missingGlyphs(),
        "the cover names each character no font has, once");
    assertTrue(new DocumentTemplates(null).render(latinOnly).contains("no font available to this PDF can show (U+60A3"));
    assertFalse(new ReportViewBuilder(pack.catalog(), true, DocumentOptions.PageSize.A4, c -> true).build(assessment).glyphsMissing());
    assertFalse(new ReportViewBuilder(pack.catalog(), true, DocumentOptions.PageSize.A4, c -> c <= 0xFF).build(large).glyphsMissing());
  }
}
