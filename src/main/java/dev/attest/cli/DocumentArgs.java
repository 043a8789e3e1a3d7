package dev.attest.cli;

import dev.attest.controls.ControlCatalog;
import dev.attest.report.document.DocumentOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The HTML/PDF options shared by scan, report and bundle: templates, PDF font and page size. */
final class DocumentArgs {
  @Option(names = "--templates", paramLabel = "DIR",
      description = "Folder of report templates overriding the bundled ones file by file (html, pdf).")
  Path templates;

  @Option(names = "--pdf-font", paramLabel = "FILE[,N]",
      description = "TrueType/OpenType font embedded in the PDF for all text; it must cover every script in your "
          + "resource names (e.g. Noto Sans CJK: .ttc,N picks a face). Default: PDF base fonts (Latin only).")
  String pdfFont;

  @Option(names = "--page-size", paramLabel = "SIZE", defaultValue = "a4",
      description = "PDF page size: a4 (default) or letter.")
  String pageSize;

  /** The options, or null after printing one line when --page-size is not a known size. */
  DocumentOptions options(ControlCatalog catalog, PrintWriter err, String command) {
    var size = DocumentOptions.PageSize.parse(pageSize);
    if (size.isEmpty()) {
      err.println(command + ": --page-size " + pageSize + ": expected a4 or letter");
      return null;
    }
    return new DocumentOptions(catalog, templates, pdfFont, size.get());
  }
}
