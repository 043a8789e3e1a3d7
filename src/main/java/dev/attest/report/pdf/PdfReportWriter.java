package dev.attest.report.pdf;

import com.lowagie.text.pdf.PdfName;
import dev.attest.assessment.Assessment;
import dev.attest.report.ReportWriter;
import dev.attest.report.document.DocumentOptions;
import dev.attest.report.document.DocumentTemplates;
import dev.attest.report.document.ReportViewBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.xhtmlrenderer.pdf.ITextRenderer;
import org.xhtmlrenderer.pdf.PDFCreationListener;

/**
 * {@code report.pdf}: the HTML report's templates rendered as XHTML (no script, charts as CSS
 * boxes, findings bounded) and laid out by Flying Saucer on OpenPDF, with running header, page
 * X of Y, table of contents and bookmarks. Every font is embedded: the bundled DejaVu Sans (or the
 * {@code --pdf-font}) for text, DejaVu Sans Mono for code, and per character a fallback font from
 * the machine where those lack a glyph ({@link PdfFonts}); the cover names what no font could draw.
 */
public final class PdfReportWriter implements ReportWriter {
  public static final String FILE_NAME = "report.pdf";
  /** The CSS family of the text font (the user's or DejaVu Sans); report-pdf.css names it. */
  public static final String FONT_FAMILY = PdfFonts.TEXT;

  private final DocumentOptions options;

  public PdfReportWriter(DocumentOptions options) {
    this.options = options;
  }

  @Override
  public String format() {
    return "pdf";
  }

  @Override
  public Path write(Assessment assessment, Path outputDir) throws IOException {
    ITextRenderer renderer = new ITextRenderer();
    PdfFonts fonts = PdfFonts.register(renderer.getFontResolver(), options.font());
    String xhtml = xmlSafe(new DocumentTemplates(options.templates())
        .render(new ReportViewBuilder(options.catalog(), true, options.pageSize(), fonts::canDraw)
            .build(assessment, options.period(), options.scopeName())));
    org.w3c.dom.Document document = new PdfGlyphFallback(fonts).apply(xhtml);
    Files.createDirectories(outputDir);
    Path file = outputDir.resolve(FILE_NAME);
    Path partial = outputDir.resolve(FILE_NAME + ".partial");
    renderer.setListener(new NoTimestamps());
    try (OutputStream out = Files.newOutputStream(partial)) {
      renderer.setDocument(document, null);
      renderer.layout();
      renderer.createPDF(out);
    } catch (RuntimeException e) {
      Files.deleteIfExists(partial);
      throw new IOException("the PDF could not be laid out: " + e.getMessage(), e);
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /** Removes the creation date OpenPDF stamps into the document info: output carries no clock. */
  private static final class NoTimestamps implements PDFCreationListener {
    @Override
    public void preOpen(ITextRenderer renderer) {}

    @Override
    public void preWrite(ITextRenderer renderer, int pageCount) {}

    @Override
    public void onClose(ITextRenderer renderer) {
      renderer.getWriter().getInfo().remove(PdfName.CREATIONDATE);
      renderer.getWriter().getInfo().remove(PdfName.MODDATE);
    }
  }

  /**
   * Drops characters XML 1.0 forbids (control characters a resource name or tag might carry):
   * escaping cannot represent them, and the XHTML parser would reject the whole report.
   */
  static String xmlSafe(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
          || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
      out.appendCodePoint(allowed ? cp : 0xFFFD);
    });
    return out.toString();
  }
}
