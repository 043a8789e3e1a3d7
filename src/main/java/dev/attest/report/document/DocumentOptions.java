package dev.attest.report.document;

import dev.attest.controls.ControlCatalog;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What the HTML and PDF writers need beyond the assessment (which carries the rules' metadata):
 * the control catalog for each control's requirement summary and coverage note (optional; without
 * it controls show ids, titles and results), a template folder that overrides the bundled
 * templates file by file, the PDF's text font (optional, else the bundled DejaVu Sans;
 * {@code file.ttc,N} picks a face of a collection), the PDF page size, and for the cover the
 * reporting period ({@code --period}) and scope name ({@code --scope-name}), each optional.
 */
public record DocumentOptions(ControlCatalog catalog, Path templates, String font, PageSize pageSize, String period,
    String scopeName) {

  public DocumentOptions {
    pageSize = pageSize == null ? PageSize.A4 : pageSize;
    period = period == null || period.isBlank() ? null : period.trim();
    scopeName = scopeName == null || scopeName.isBlank() ? null : scopeName.trim();
  }

  /** Without a period or scope name on the cover. */
  public DocumentOptions(ControlCatalog catalog, Path templates, String font, PageSize pageSize) {
    this(catalog, templates, font, pageSize, null, null);
  }

  /** Bundled templates, no catalog text, the bundled font, A4. */
  public static DocumentOptions defaults() {
    return new DocumentOptions(null, null, null, PageSize.A4);
  }

  /** The same options with the cover's reporting period and scope name. */
  public DocumentOptions withCover(String reportingPeriod, String name) {
    return new DocumentOptions(catalog, templates, font, pageSize, reportingPeriod, name);
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
