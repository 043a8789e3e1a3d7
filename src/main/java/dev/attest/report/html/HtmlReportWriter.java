package dev.attest.report.html;

import dev.attest.assessment.Assessment;
import dev.attest.report.ReportWriter;
import dev.attest.report.document.DocumentOptions;
import dev.attest.report.document.DocumentTemplates;
import dev.attest.report.document.ReportViewBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code report.html}: one self-contained file (inline CSS, SVG and plain JS; no network) from the templates. */
public final class HtmlReportWriter implements ReportWriter {
  public static final String FILE_NAME = "report.html";

  private final DocumentOptions options;

  public HtmlReportWriter(DocumentOptions options) {
    this.options = options;
  }

  @Override
  public String format() {
    return "html";
  }

  @Override
  public Path write(Assessment assessment, Path outputDir) throws IOException {
    String html = new DocumentTemplates(options.templates())
        .render(new ReportViewBuilder(options.catalog()).build(assessment, options.period(), options.scopeName()));
    Files.createDirectories(outputDir);
    Path file = outputDir.resolve(FILE_NAME);
    Path partial = outputDir.resolve(FILE_NAME + ".partial");
    Files.writeString(partial, html, StandardCharsets.UTF_8);
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }
}
