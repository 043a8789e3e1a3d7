package dev.attest.report;

import dev.attest.report.document.DocumentOptions;
import dev.attest.report.html.HtmlReportWriter;
import dev.attest.report.json.JsonReportWriter;
import dev.attest.report.pdf.PdfReportWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of output formats: adding a format is one writer and one line here. */
public final class ReportFormats {
  private final Map<String, ReportWriter> writers = new LinkedHashMap<>();

  public ReportFormats() {
    this(DocumentOptions.defaults());
  }

  /** The formats, with the HTML and PDF writers using the given rule pack, templates, fonts and page size. */
  public ReportFormats(DocumentOptions documents) {
    register(new JsonReportWriter());
    register(new HtmlReportWriter(documents));
    register(new PdfReportWriter(documents));
  }

  private void register(ReportWriter writer) {
    writers.put(writer.format(), writer);
  }

  public Optional<ReportWriter> find(String format) {
    return Optional.ofNullable(writers.get(format.trim().toLowerCase(java.util.Locale.ROOT)));
  }

  public List<String> names() {
    return List.copyOf(writers.keySet());
  }
}
