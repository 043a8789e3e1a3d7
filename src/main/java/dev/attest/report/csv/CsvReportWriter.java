package dev.attest.report.csv;

import dev.attest.assessment.Assessment;
import dev.attest.assessment.RuleMetadata;
import dev.attest.engine.Evidence;
import dev.attest.engine.Finding;
import dev.attest.report.ReportWriter;
import dev.attest.report.RuleIndex;
import dev.attest.report.SinceBaseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code findings.csv}: one row per finding for spreadsheets, and beside it the tables a
 * compliance officer needs that are not per finding ({@link CsvTables}): {@code controls.csv},
 * {@code waivers.csv}, {@code attestations.csv}, and when the assessment has them
 * {@code baseline.csv}, {@code coverage.csv}, {@code policy.csv} and {@code evidence.csv}. Every
 * file is UTF-8 with a byte-order mark, RFC 4180 quoting, CRLF line ends and formula-defused cells
 * ({@link CsvFile}).
 */
public final class CsvReportWriter implements ReportWriter {
  public static final String FILE_NAME = "findings.csv";

  static final List<String> COLUMNS = List.of("id", "ruleId", "title", "status", "severity", "area", "subscriptionId",
      "resourceId", "resourceName", "resourceType", "controls", "message", "remediation", "evidence", "waiver",
      "waiverExpires", "sinceBaseline");

  @Override
  public String format() {
    return "csv";
  }

  /** Writes findings.csv and its companions; returns findings.csv. */
  @Override
  public Path write(Assessment assessment, Path outputDir) throws IOException {
    Files.createDirectories(outputDir);
    RuleIndex rules = new RuleIndex(assessment);
    SinceBaseline since = new SinceBaseline(assessment);
    Map<String, String> waiverExpiry = new HashMap<>();
    assessment.waivers().forEach(w -> waiverExpiry.put(w.waiver().id(),
        w.waiver().expires() == null ? null : w.waiver().expires().toString()));
    List<List<String>> rows = new ArrayList<>(assessment.findings().size());
    for (Finding finding : assessment.findings()) {
      rows.add(Row.of(finding, rules.find(finding.ruleId()).orElse(null),
          finding.waiver() == null ? null : waiverExpiry.get(finding.waiver()), since.of(finding.id())).cells());
    }
    Path file = CsvFile.write(outputDir.resolve(FILE_NAME), COLUMNS, rows);
    for (CsvTables.Table table : CsvTables.of(assessment)) {
      Path companion = outputDir.resolve(table.fileName());
      if (table.rows() == null) {
        // This assessment has no such section: a file left by an earlier scan into the same folder
        // would describe that scan, not this one.
        Files.deleteIfExists(companion);
      } else {
        CsvFile.write(companion, table.header(), table.rows());
      }
    }
    return file;
  }

  /** One row of findings.csv; the component order is the column order. */
  record Row(String id, String ruleId, String title, String status, String severity, String area,
      String subscriptionId, String resourceId, String resourceName, String resourceType, String controls,
      String message, String remediation, String evidence, String waiver, String waiverExpires,
      String sinceBaseline) {

    static Row of(Finding f, RuleMetadata rule, String waiverExpires, String sinceBaseline) {
      String remediation = rule == null || rule.remediation() == null || rule.remediation().text() == null
          ? "" : rule.remediation().text().strip();
      String evidence = f.evidence().stream().map(Evidence::describe).collect(Collectors.joining(" | "));
      return new Row(f.id(), f.ruleId(), f.title(), f.status().name(), f.severity(), f.area(), f.subscriptionId(),
          f.resourceId(), f.resourceName(), f.resourceType(), String.join("; ", f.controls()), f.message(),
          remediation, evidence, f.waiver(), waiverExpires, sinceBaseline);
    }

    List<String> cells() {
      return java.util.Arrays.asList(id, ruleId, title, status, severity, area, subscriptionId, resourceId,
          resourceName, resourceType, controls, message, remediation, evidence, waiver, waiverExpires, sinceBaseline);
    }

    /** See {@link CsvFile#cell}. */
    static String cell(String value) {
      return CsvFile.cell(value);
    }
  }
}
