package dev.attest.report;

import dev.attest.report.csv.CsvReportWriter;
import dev.attest.report.document.DocumentOptions;
import dev.attest.report.html.HtmlReportWriter;
import dev.attest.report.json.JsonReportWriter;
import dev.attest.report.junit.JunitReportWriter;
import dev.attest.report.markdown.MarkdownReportWriter;
import dev.attest.report.pdf.PdfReportWriter;
import dev.attest.report.sarif.SarifReportWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The registry of output formats: adding a format is one writer and one line here. */
public final class ReportFormats {
  private final Map<String, ReportWriter> writers = new LinkedHashMap<>();

  public ReportFormats() {
    this(DocumentOptions.defaults());
  }

  /** The formats, with the HTML and PDF writers using the given control catalog, templates, font and page size. */
  public ReportFormats(DocumentOptions documents) {
    register(new JsonReportWriter());
    register(new CsvReportWriter());
    register(new SarifReportWriter());
    register(new JunitReportWriter());
    register(new MarkdownReportWriter());
    register(new HtmlReportWriter(documents));
    register(new PdfReportWriter(documents));
  }

  private void register(ReportWriter writer) {
    writers.put(writer.format(), writer);
  }

  public Optional<ReportWriter> find(String format) {
    return Optional.ofNullable(writers.get(format.trim().toLowerCase(Locale.ROOT)));
  }

  public List<String> names() {
    return List.copyOf(writers.keySet());
  }

  /**
   * The writers for the requested names (comma lists already split), each once, in the order
   * asked; an unknown name is an {@link IllegalArgumentException} whose message lists the known ones.
   */
  public List<ReportWriter> select(Collection<String> formats) {
    Map<String, ReportWriter> selected = new LinkedHashMap<>();
    for (String format : formats) {
      if (format.isBlank()) {
        continue;
      }
      ReportWriter writer = find(format).orElseThrow(() -> new IllegalArgumentException("unknown format '"
          + format.trim() + "' (available: " + String.join(", ", names()) + ")"));
      selected.putIfAbsent(writer.format(), writer);
    }
    if (selected.isEmpty()) {
      throw new IllegalArgumentException("no format given (available: " + String.join(", ", names()) + ")");
    }
    return List.copyOf(selected.values());
  }
}
