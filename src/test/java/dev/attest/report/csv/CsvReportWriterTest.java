package dev.attest.report.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.attest.assessment.Assessment;
import dev.attest.engine.Finding;
import dev.attest.report.SampleScan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReportWriterTest {
  @TempDir
  Path dir;
  Assessment assessment;
  byte[] bytes;
  List<List<String>> rows;

  @BeforeEach
  void scan() throws Exception {
    assessment = SampleScan.assess(dir);
    bytes = Files.readAllBytes(new CsvReportWriter().write(assessment, dir.resolve("out")));
    String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(text)) {
      rows = it.readAll().stream().map(Arrays::asList).toList();
    }
  }

  private List<String> row(String ruleId, String resourceName) {
    Finding finding = SampleScan.finding(assessment, ruleId, resourceName);
    return rows.stream().filter(r -> r.get(0).equals(finding.id())).findFirst().orElseThrow();
  }

  @Test
  void utf8WithByteOrderMarkCrlfAndAHeader() {
    assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(text.contains("\r\n") && !text.replace("\r\n", "").contains("\n"), "every line ends in CRLF");
    assertEquals(List.of("id", "ruleId", "title", "status", "severity", "area", "subscriptionId", "resourceId",
        "resourceName", "resourceType", "controls", "message", "remediation", "evidence", "waiver", "waiverExpires",
        "sinceBaseline"), rows.get(0));
    assertEquals(assessment.findings().size() + 1, rows.size(), "one row per finding");
  }

  @Test
  void aRowCarriesTheFindingItsRuleAndItsEvidence() {
    Finding finding = SampleScan.finding(assessment, "AZ-TST-0001", "old");
    List<String> row = row("AZ-TST-0001", "old");
    assertEquals(List.of(finding.id(), "AZ-TST-0001", "Storage account requires TLS 1.2 or later", "FAIL", "high",
        "tls", SampleScan.SUBSCRIPTION, finding.resourceId(), "old", "Microsoft.Storage/storageAccounts",
        "hipaa:164.312(e)(1)", finding.message(), "Set the minimum TLS version to 1.2.",
        "properties.minimumTlsVersion = TLS1_0; expected versionAtLeast 1.2", "", "", ""), row);
  }

  @Test
  void quotesCommasAndMarkupSurviveAndFormulasAreDefused() {
    List<String> hostile = row("AZ-TST-0001", SampleScan.HOSTILE);
    assertEquals(SampleScan.HOSTILE, hostile.get(8), "RFC 4180 quoting keeps the name intact");
    assertEquals("'" + SampleScan.FORMULA, row("AZ-TST-0001", SampleScan.FORMULA).get(8));
    assertEquals(SampleScan.UNICODE, row("AZ-TST-0001", SampleScan.UNICODE).get(8));
    for (List<String> row : rows) {
      for (String cell : row) {
        assertFalse(!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0, () -> "formula trigger: " + cell);
      }
    }
  }

  /** A companion file's rows (header first), after checking it is UTF-8 with a BOM and CRLF line ends. */
  static List<List<String>> read(Path file) throws Exception {
    byte[] content = Files.readAllBytes(file);
    assertArrayEquals(CsvFile.BOM, Arrays.copyOf(content, 3), file.toString());
    String text = new String(content, 3, content.length - 3, StandardCharsets.UTF_8);
    assertFalse(text.replace("\r\n", "").contains("\n"), "every line of " + file + " ends in CRLF");
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(text)) {
      return it.readAll().stream().map(Arrays::asList).toList();
    }
  }

  static List<String> rowOf(List<List<String>> rows, int column, String value) {
    return rows.stream().filter(r -> r.get(column).equals(value)).findFirst().orElseThrow(() -> new AssertionError(value));
  }

  @Test
  void controlsCsvHasEveryControlWithItsDesignationCoverageStatusAndCounts() throws Exception {
    List<List<String>> controls = read(dir.resolve("out/controls.csv"));
    assertEquals(List.of("id", "framework", "reference", "title", "designation", "coverage", "status", "reason",
        "pass", "fail", "error", "notApplicable", "waived", "rules", "failingFindings", "attestations", "decision",
        "policyCompliant", "policyNonCompliant", "policyExempt", "policyAgree", "policyDisagree"), controls.get(0));
    assertEquals(assessment.controls().size() + 1, controls.size());
    List<String> tls = rowOf(controls, 0, "hipaa:164.312(e)(1)");
    assertEquals(List.of("hipaa:164.312(e)(1)", "hipaa", "164.312(e)(1)", "Transmission security", "Standard",
        "automated", "not_satisfied"), tls.subList(0, 7));
    assertEquals(List.of("2", "3", "0", "0", "0", "AZ-TST-0001"), tls.subList(8, 14));
    assertEquals(3, tls.get(14).split("; ").length, "the failing finding ids");
    assertEquals(List.of("", "", "", "", ""), tls.subList(17, 22), "no Azure Policy opinion offline");
    assertEquals("inherited", rowOf(controls, 0, "hipaa:164.310(a)(1)").get(6));
    for (String offline : List.of("baseline.csv", "coverage.csv", "policy.csv", "evidence.csv")) {
      assertFalse(Files.exists(dir.resolve("out").resolve(offline)), offline + " only with its section");
    }
    assertEquals(List.of(1, 1), List.of(read(dir.resolve("out/waivers.csv")).size(),
        read(dir.resolve("out/attestations.csv")).size()), "registers are written even when empty: header only");
  }

  @Test
  void waiverRegisterRowsCarryStateExpiryAndCountsAndTheirTextIsDefused() throws Exception {
    Assessment waived = SampleScan.assessWithWaiver(dir.resolve("w"), "=HYPERLINK(\\\"http://x\\\")");
    new CsvReportWriter().write(waived, dir.resolve("w/out"));
    List<List<String>> waivers = read(dir.resolve("w/out/waivers.csv"));
    assertEquals(List.of("id", "state", "category", "expires", "waivedFindings", "uncoveredFindings", "rules",
        "resources", "tags", "justification", "compensatingControl", "approver", "ticket", "asOf"), waivers.get(0));
    assertEquals(List.of("WVR-TEST-001", "active", "risk-accepted", "2027-01-31", "1", "0", "AZ-TST-0001",
        "/subscriptions/*/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/old", "",
        "'=HYPERLINK(\"http://x\")", "", "Security Officer", "SEC-1", "2026-11-01"), waivers.get(1));
  }

  @Test
  void baselineCsvListsEveryClassIncludingResolvedFindingsThatAreGone() throws Exception {
    // The baseline lacks today's failure on "old" (new now) and has a failure whose resource is
    // gone now: resolved, and only baseline.csv can show it.
    dev.attest.baseline.FindingsSnapshot before = SampleScan.baselineWithout(dir.resolve("b2"), "old");
    java.util.Map<String, dev.attest.baseline.FindingsSnapshot.Entry> entries = new java.util.LinkedHashMap<>(before.findings());
    entries.put("AZ-TST-0001-gone", new dev.attest.baseline.FindingsSnapshot.Entry("AZ-TST-0001-gone", "AZ-TST-0001",
        SampleScan.RG + "/providers/Microsoft.Storage/storageAccounts/deleted", "FAIL", "high", "TLS"));
    Assessment compared = SampleScan.assess(dir.resolve("b3"), new dev.attest.assessment.AssessmentInputs(List.of(), List.of(), null,
        new dev.attest.baseline.FindingsSnapshot("q3.json", entries, before.controls(), before.waivers(), null)),
        new dev.attest.assessment.Gate(dev.attest.rules.Severity.HIGH, java.util.Set.of()));
    new CsvReportWriter().write(compared, dir.resolve("b/out"));
    List<List<String>> baseline = read(dir.resolve("b/out/baseline.csv"));
    assertEquals(List.of("class", "id", "ruleId", "severity", "title", "resourceId", "statusNow", "baseline"),
        baseline.get(0));
    assertEquals("new", rowOf(baseline, 1, SampleScan.finding(compared, "AZ-TST-0001", "old").id()).get(0));
    List<String> gone = rowOf(baseline, 1, "AZ-TST-0001-gone");
    assertEquals(List.of("resolved", "absent", "q3.json"), List.of(gone.get(0), gone.get(6), gone.get(7)));
    assertEquals(compared.baseline().counts().stillOpen(), baseline.stream().filter(r -> r.get(0).equals("still open")).count());

    // Findings that exist and were resolved say so in findings.csv too.
    Files.writeString(dir.resolve("b/out/coverage.csv"), "stale");
    Assessment fixedAll = SampleScan.assess(dir.resolve("b4"), new dev.attest.assessment.AssessmentInputs(List.of(),
        List.of(), null, dev.attest.baseline.FindingsSnapshot.of("q3.json", SampleScan.assess(dir.resolve("b5")))),
        new dev.attest.assessment.Gate(dev.attest.rules.Severity.HIGH, java.util.Set.of()));
    assertTrue(fixedAll.baseline().resolved().isEmpty(), "same scan: nothing resolved");
    new CsvReportWriter().write(fixedAll, dir.resolve("b/out"));
    assertFalse(Files.exists(dir.resolve("b/out/coverage.csv")), "a stale companion of an earlier scan is removed");
  }

  @Test
  void liveScanSectionsBecomeCoveragePolicyAndEvidenceCsv() throws Exception {
    Assessment live = SampleScan.withLiveSections(assessment);
    new CsvReportWriter().write(live, dir.resolve("live"));
    List<List<String>> coverage = read(dir.resolve("live/coverage.csv"));
    assertEquals(List.of(List.of("kind", "id", "status", "reason", "count"),
        List.of("scope", SampleScan.SUBSCRIPTION, "complete", "", ""),
        List.of("scope", SampleScan.DENIED, "denied", "Resources: HTTP 403 AuthorizationFailed", ""),
        List.of("read", "Resources", "complete", "", "1"), List.of("read", "Resources", "denied", "", "1"),
        List.of("read", "policy states", "complete", "", "1"), List.of("read", "policy states", "failed", "", "1")),
        coverage);
    List<List<String>> policy = read(dir.resolve("live/policy.csv"));
    assertEquals(List.of("hipaa:164.312(e)(1)", SampleScan.RG + "/providers/Microsoft.Storage/storageAccounts/good",
        "PASS", "NonCompliant", "def-tls", "partial"), policy.get(1));
    List<String> tls = rowOf(read(dir.resolve("live/controls.csv")), 0, "hipaa:164.312(e)(1)");
    assertEquals(List.of("0", "4", "0", "2", "1"), tls.subList(17, 22));
    List<List<String>> evidence = read(dir.resolve("live/evidence.csv"));
    assertEquals(List.of("EV-ACCESS", "Data-plane access is logged", "hipaa:164.312(b)", "law-clinical", "2026-Q3",
        "at least 1 row", "not collected", "table StorageBlobLogs does not exist", "", ""), evidence.get(2));
  }

  @Test
  void everyFormulaTriggerGetsAnApostrophe() {
    assertEquals("'=SUM(A1)", CsvReportWriter.Row.cell("=SUM(A1)"));
    assertEquals("'+1", CsvReportWriter.Row.cell("+1"));
    assertEquals("'-1", CsvReportWriter.Row.cell("-1"));
    assertEquals("'@x", CsvReportWriter.Row.cell("@x"));
    assertEquals("'\tx", CsvReportWriter.Row.cell("\tx"));
    assertEquals("a=b", CsvReportWriter.Row.cell("a=b"));
    assertEquals("", CsvReportWriter.Row.cell(null));
  }
}
