package dev.attest.report.document;

import dev.attest.controls.ControlCatalog;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What the HTML and PDF writers need beyond the assessment (which carries the rules' metadata):
 * the control catalog for each control's requirement summary and coverage note (optional; without
 * it controls show ids, titles and results), a template folder that overrides the bundled
 * templates file by file,
 * the font to embed in the PDF (optional; {@code file.ttc,N} picks a face of a collection), and the
 * PDF page size.
 */
public record DocumentOptions(ControlCatalog catalog, Path templates, String font, PageSize pageSize) {

  public DocumentOptions {
    pageSize = pageSize == null ? PageSize.A4 : pageSize;
  }

  /** Bundled templates, no catalog text, no embedded font, A4. */
  public static DocumentOptions defaults() {
    return new DocumentOptions(null, null, null, PageSize.A4);
  }

  /** Paper sizes the PDF supports; the label is the CSS {@code @page size} keyword. */
  public enum PageSize {
    A4, LETTER;

    public String css() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PageSize> parse(String text) {
      for (PageSize size : values()) {
        if (size.name().equalsIgnoreCase(text.trim())) {
          return Optional.of(size);
        }
      }
      return Optional.empty();
    }
  }
}
