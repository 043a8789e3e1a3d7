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
