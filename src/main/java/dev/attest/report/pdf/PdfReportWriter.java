package dev.attest.report.pdf;

import com.lowagie.text.pdf.BaseFont;
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
import java.util.function.IntPredicate;
import org.xhtmlrenderer.pdf.ITextRenderer;
import org.xhtmlrenderer.pdf.PDFCreationListener;

/**
 * {@code report.pdf}: the HTML report's templates rendered as XHTML (no script, charts as CSS
 * boxes, findings bounded) and laid out by Flying Saucer on OpenPDF, with running header, page
 * X of Y, table of contents and bookmarks. A font given with {@code --pdf-font} is embedded
 * (Identity-H) under the family {@code AttestFont} the stylesheet asks for first, so names in any
 * script the font covers survive; without one, the PDF's built-in fonts drop non-Latin text.
 */
public final class PdfReportWriter implements ReportWriter {
  public static final String FILE_NAME = "report.pdf";
  /** The CSS family the user's font is registered under; report.css names it first. */
  public static final String FONT_FAMILY = "AttestFont";

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
    // The base fonts encode WinAnsi: Latin-1 is the honest approximation of what they draw.
    IntPredicate hasGlyph = options.font() == null ? c -> c <= 0xFF : embed(renderer, options.font())::charExists;
    String xhtml = xmlSafe(new DocumentTemplates(options.templates())
        .render(new ReportViewBuilder(options.catalog(), true, options.pageSize(), hasGlyph).build(assessment)));
    Files.createDirectories(outputDir);
    Path file = outputDir.resolve(FILE_NAME);
    Path partial = outputDir.resolve(FILE_NAME + ".partial");
    renderer.setListener(new NoTimestamps());
    try (OutputStream out = Files.newOutputStream(partial)) {
      renderer.setDocumentFromString(xhtml);
      renderer.layout();
      renderer.createPDF(out);
    } catch (RuntimeException e) {
      Files.deleteIfExists(partial);
      throw new IOException("the PDF could not be laid out: " + e.getMessage(), e);
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /**
   * Registers the user's font under the family the stylesheet asks for first. Flying Saucer takes
   * a whole text run from one font (no per-glyph fallback), so this one font must cover every
   * script the names use.
   */
  private static BaseFont embed(ITextRenderer renderer, String font) throws IOException {
    // "collection.ttc,1" names one face of a TrueType collection, as OpenPDF expects it.
    Path file = Path.of(font.replaceFirst(",\\d+$", ""));
    if (!Files.isRegularFile(file)) {
      throw new IOException("PDF font " + file + " does not exist");
    }
    String path = file.toAbsolutePath() + font.substring(file.toString().length());
    try {
      renderer.getFontResolver().addFont(path, FONT_FAMILY, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, null);
      return BaseFont.createFont(path, BaseFont.IDENTITY_H, BaseFont.NOT_EMBEDDED);
    } catch (IOException | RuntimeException e) {
      throw new IOException("PDF font " + font + " cannot be embedded (expected a TrueType/OpenType .ttf, .otf, "
          + "or .ttc,N): " + e.getMessage(), e);
    }
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
