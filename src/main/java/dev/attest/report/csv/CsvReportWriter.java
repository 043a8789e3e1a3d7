package dev.attest.report.csv;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.RuleMetadata;
import dev.attest.engine.Evidence;
import dev.attest.engine.Finding;
import dev.attest.report.ReportWriter;
import dev.attest.report.RuleIndex;
import dev.attest.report.SinceBaseline;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code findings.csv}: one row per finding for spreadsheets. UTF-8 with a byte-order mark (so
 * Excel does not read it as the local code page), RFC 4180 quoting and CRLF line ends, and every
 * cell that a spreadsheet would take for a formula defused with a leading apostrophe.
 */
public final class CsvReportWriter implements ReportWriter {
  public static final String FILE_NAME = "findings.csv";
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  // Strict checking quotes only the cells that need it (separator, quote, line break), per RFC 4180.
  private final CsvMapper mapper = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
  private final CsvSchema schema = mapper.schemaFor(Row.class).withHeader().withLineSeparator("\r\n");

  @Override
  public String format() {
    return "csv";
  }

  @Override
  public Path write(Assessment assessment, Path outputDir) throws IOException {
    Files.createDirectories(outputDir);
    Path file = outputDir.resolve(FILE_NAME);
    RuleIndex rules = new RuleIndex(assessment);
    SinceBaseline since = new SinceBaseline(assessment);
    Map<String, String> waiverExpiry = new HashMap<>();
    assessment.waivers().forEach(w -> waiverExpiry.put(w.waiver().id(),
        w.waiver().expires() == null ? null : w.waiver().expires().toString()));
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(BOM);
      Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      try (SequenceWriter rows = mapper.writer(schema).writeValues(text)) {
        for (Finding finding : assessment.findings()) {
          rows.write(Row.of(finding, rules.find(finding.ruleId()).orElse(null),
              finding.waiver() == null ? null : waiverExpiry.get(finding.waiver()), since.of(finding.id())));
        }
      }
    }
    return file;
  }

  /** One row; the component order is the column order. */
  @JsonPropertyOrder({"id", "ruleId", "title", "status", "severity", "area", "subscriptionId", "resourceId",
      "resourceName", "resourceType", "controls", "message", "remediation", "evidence", "waiver", "waiverExpires",
      "sinceBaseline"})
  record Row(String id, String ruleId, String title, String status, String severity, String area,
      String subscriptionId, String resourceId, String resourceName, String resourceType, String controls,
      String message, String remediation, String evidence, String waiver, String waiverExpires,
      String sinceBaseline) {

    static Row of(Finding f, RuleMetadata rule, String waiverExpires, String sinceBaseline) {
      String remediation = rule == null || rule.remediation() == null || rule.remediation().text() == null
          ? "" : rule.remediation().text().strip();
      String evidence = f.evidence().stream().map(Evidence::describe).collect(Collectors.joining(" | "));
      return new Row(cell(f.id()), cell(f.ruleId()), cell(f.title()), cell(f.status().name()), cell(f.severity()),
          cell(f.area()), cell(f.subscriptionId()), cell(f.resourceId()), cell(f.resourceName()),
          cell(f.resourceType()), cell(String.join("; ", f.controls())), cell(f.message()), cell(remediation),
          cell(evidence), cell(f.waiver()), cell(waiverExpires), cell(sinceBaseline));
    }

    /**
     * A cell a spreadsheet will show as text: values starting with a formula trigger (= + - @, or
     * a tab or carriage return that some spreadsheets strip before looking) get a leading
     * apostrophe, because resource names and tags come from the scanned tenant.
     */
    static String cell(String value) {
      if (value == null || value.isEmpty()) {
        return "";
      }
      char first = value.charAt(0);
      boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
      return formula ? "'" + value : value;
    }
  }
}
