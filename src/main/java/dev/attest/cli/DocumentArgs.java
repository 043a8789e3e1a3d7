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
      description = "TrueType/OpenType font embedded in the PDF for its text (.ttc,N picks a face of a collection). "
          + "Default: the bundled DejaVu Sans; characters a font lacks are drawn from the machine's fonts.")
  String pdfFont;

  @Option(names = "--page-size", paramLabel = "SIZE", defaultValue = "a4",
      description = "PDF page size: a4 (default) or letter.")
  String pageSize;

  /** As below, with the reporting period and scope name the cover shows (each may be null). */
  DocumentOptions options(ControlCatalog catalog, PrintWriter err, String command, String period, String scopeName) {
    DocumentOptions options = options(catalog, err, command);
    return options == null ? null : options.withCover(period, scopeName);
  }

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
