package dev.attest.report.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attest.assessment.Assessment;
import dev.attest.assessment.AssessmentInputs;
import dev.attest.assessment.Gate;
import dev.attest.rules.Severity;
import java.time.LocalDate;
import java.util.Set;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.report.SampleScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportWriterTest {
  @TempDir
  Path dir;
  Assessment assessment;
  String md;

  @BeforeEach
  void scan() throws Exception {
    assessment = SampleScan.assess(dir);
    md = Files.readString(new MarkdownReportWriter().write(assessment, dir.resolve("out")));
  }

  /** Table rows of the section that starts with {@code heading}. */
  private static List<String> tableRows(String md, String heading) {
    String section = md.substring(md.indexOf(heading));
    return section.lines().skip(1).dropWhile(l -> !l.startsWith("|")).takeWhile(l -> l.startsWith("|")).toList();
  }

  private static long unescapedPipes(String line) {
    return line.replace("\\\\", "").replace("\\|", "").chars().filter(c -> c == '|').count();
  }

  @Test
  void verdictCountsControlsAndCompleteness() {
    assertTrue(md.startsWith("# Attest compliance summary\n\n**Gate: FAIL** (exit 1): 3 unwaived failing finding(s)"
        + " at or above `high`; the scan is incomplete.\n"), md);
    assertTrue(md.contains("| FAIL | 4 |\n"), md);
    assertTrue(md.contains("| high | 3 |\n| medium | 0 |\n| low | 1 |\n"), md);
    assertTrue(md.contains("| not\\_satisfied | 2 |\n"), md);
    assertTrue(md.contains("Not satisfied: hipaa:164.312(e)(1) Transmission security, hipaa:164.312(a)(1) Access control."), md);
    assertTrue(md.contains("Incomplete: 0 input problem(s), 1 check(s) that could not be evaluated"), md);
  }

  @Test
  void withFailOnNewTheVerdictCountsNewFailuresAndSaysSoWithTheTotal() throws Exception {
    Assessment compared = SampleScan.assess(dir.resolve("new"), new AssessmentInputs(List.of(), List.of(), null,
        SampleScan.baselineWithout(dir, "old")), new Gate(Severity.HIGH, Set.of(), false, true));
    assertEquals(1, compared.summary().gate().failingAtOrAboveThreshold(), "only the new failure is gated");
    String text = new MarkdownReportWriter().render(compared);
    assertTrue(text.contains("**Gate: FAIL** (exit 1): 1 new unwaived failing finding(s) at or above `high` "
        + "(`--fail-on-new`: only failures new since the baseline count; 3 at or above `high` in all, 2 already in "
        + "the baseline); the scan is incomplete.\n"), text);
  }

  @Test
  void withExpiredWaiversFailAndNoSeverityGateTheVerdictNamesTheExpiredWaiver() throws Exception {
    Assessment lapsed = SampleScan.assess(dir.resolve("lapsed"), new AssessmentInputs(SampleScan.expiredWaiver(dir),
        List.of(), LocalDate.of(2026, 11, 1), null), new Gate(null, Set.of(), true, false));
    assertEquals(1, lapsed.summary().gate().exitCode());
    String text = new MarkdownReportWriter().render(lapsed);
    assertTrue(text.contains("**Gate: FAIL** (exit 1): severity gate off (`--fail-on none`); 1 expired waiver(s) in "
        + "the register (`--expired-waivers fail`): WVR-LAPSED (expired after 2026-01-31); the scan is incomplete.\n"),
        text);
    assertFalse(text.contains("at or above `none`"), text);
  }

  @Test
  void aLiveScansCoveragePolicyOpinionAndLogEvidenceAreSummarisedWithCounts() {
    String text = new MarkdownReportWriter().render(SampleScan.withLiveSections(assessment));
    assertTrue(text.indexOf("## Coverage") < text.indexOf("## Findings"), "coverage right after the verdict");
    assertTrue(text.contains("## Coverage\n\n2 scope(s): 1 complete, 1 denied.\n\n| Scope | Status | Reason |\n"), text);
    assertTrue(text.contains("| " + SampleScan.DENIED + " | denied | Resources: HTTP 403 AuthorizationFailed |\n"), text);
    assertTrue(text.contains("| Resources | 1 complete, 1 denied |\n"), text);
    assertTrue(text.contains("Azure Policy states: partial (policy states: HTTP 500 for " + SampleScan.DENIED
        + "). 2 resource verdict(s) agree with Attest, 1 disagree; 1 policy exemption(s).\n"), text);
    assertTrue(text.contains("| hipaa:164.312(e)(1) | /subscriptions/"), text);
    assertTrue(text.contains("## Log evidence\n\n1 met, 1 not collected (never met when not collected).\n"), text);
  }

  @Test
  void worstFindingsAreSortedBySeverityAndEveryRowKeepsItsColumns() {
    List<String> rows = tableRows(md, "## Worst findings");
    assertEquals(2 + 4, rows.size(), "header, rule and the four failing findings");
    assertTrue(rows.get(2).startsWith("| high | AZ-TST-0001 |"), rows.get(2));
    assertTrue(rows.get(5).startsWith("| low |"), rows.get(5));
    for (String row : rows) {
      assertEquals(6, unescapedPipes(row), row);
    }
  }

  @Test
  void tenantValuesCannotInjectMarkupOrLinks() {
    assertFalse(md.contains("<script>"));
    assertTrue(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;\"=cmd\\|' /C calc'\\!A0"), md);
    assertEquals("\\- x", MarkdownReportWriter.escape("- x"));
    assertEquals("a\\_b \\*c\\* \\[l\\](u) \\# d", MarkdownReportWriter.escape("a_b *c* [l](u) # d"));
    assertEquals("line one line two", MarkdownReportWriter.escape("line one\nline two"));
    assertEquals("&lt;img src=x onerror=alert(1)&gt; &amp;amp;", MarkdownReportWriter.escape("<img src=x onerror=alert(1)> &amp;"));
  }

  @Test
  void theWorstListIsCappedAndSaysWhereTheRestIs() throws Exception {
    Finding failing = SampleScan.finding(assessment, "AZ-TST-0001", "old");
    List<Finding> many = new ArrayList<>(assessment.findings());
    for (int i = 0; i < 30; i++) {
      many.add(failing.withStatus(Status.FAIL, "copy " + i));
    }
    Assessment big = assessment.withFindings(many);
    String text = new MarkdownReportWriter().render(big);
    assertTrue(text.contains("The 20 most severe of 34 failing findings; the CSV and JSON reports hold them all."), text);
    assertEquals(2 + MarkdownReportWriter.WORST, tableRows(text, "## Worst findings").size());
  }
}
