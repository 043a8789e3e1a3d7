package dev.attest.report;

import dev.attest.report.json.JsonReportWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of output formats: adding a format is one writer and one line here. */
public final class ReportFormats {
  private final Map<String, ReportWriter> writers = new LinkedHashMap<>();

  public ReportFormats() {
    register(new JsonReportWriter());
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
