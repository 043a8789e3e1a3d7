package dev.attest.report.pdf;

import com.lowagie.text.pdf.BaseFont;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.xhtmlrenderer.pdf.ITextFontResolver;

/**
 * The fonts the PDF embeds, and which one draws each character. Text is set in {@link #TEXT} (the
 * {@code --pdf-font} when given, else the bundled DejaVu Sans with its bold and oblique faces), code
 * in {@link #MONO} (the bundled DejaVu Sans Mono). Flying Saucer takes a whole text run from one
 * font, so a character those lack is looked up along a fallback chain (the user's font, DejaVu Sans,
 * then the machine's own fonts, e.g. IPA Gothic or Noto for CJK), and {@link PdfGlyphFallback} wraps
 * it in a span naming the first font that has it. System fonts are only opened when some character
 * needs one, in a fixed order, each at most once. Every font is embedded (subset, Identity-H).
 */
final class PdfFonts {
  static final String TEXT = "AttestFont";
  static final String MONO = "AttestMono";
  private static final String FALLBACK = "AttestFallback";
  private static final String BUNDLED = "/net/sf/jasperreports/fonts/dejavu/";
  /** Folders searched for fallback fonts (Debian/Ubuntu, macOS, Windows); missing ones are skipped. */
  private static final List<String> SYSTEM_DIRS = List.of("/usr/share/fonts", "/usr/local/share/fonts",
      System.getProperty("user.home") + "/.local/share/fonts", System.getProperty("user.home") + "/.fonts",
      "/Library/Fonts", "/System/Library/Fonts", System.getenv().getOrDefault("WINDIR", "C:\\Windows") + "\\Fonts");
  /** Broad-coverage faces tried before the rest (which follow in path order): CJK first, then wide Unicode sets. */
  private static final List<String> PREFERRED = List.of("notosanscjk-regular", "ipagp", "ipag.", "ipaexg",
      "notosanscjk", "wqy-microhei", "droidsansfallback", "notosansarabic-regular", "notosanshebrew-regular",
      "notosans-regular", "freesans.", "freeserif.", "msgothic", "arialuni", "seguisym");

  /** One registered font: the CSS family it answers to and its glyphs. */
  record Face(String family, BaseFont font) {
    boolean has(int codePoint) {
      return font.charExists(codePoint);
    }
  }

  private final ITextFontResolver resolver;
  private final Face text;
  private final Face mono;
  private final List<Face> chain = new ArrayList<>();
  private List<Path> system;
  private int nextSystem;
  private final Map<Integer, Face> lookups = new HashMap<>();

  private PdfFonts(ITextFontResolver resolver, Face text, Face mono) {
    this.resolver = resolver;
    this.text = text;
    this.mono = mono;
  }

  /**
   * Registers the bundled DejaVu faces and, when given, the user's font ({@code file} or
   * {@code collection.ttc,N}) as the text font; both stay first in the fallback chain.
   */
  static PdfFonts register(ITextFontResolver resolver, String userFont) throws IOException {
    Face sans = null;
    for (String face : List.of("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf")) {
      Face registered = bundled(resolver, face, userFont == null ? TEXT : FALLBACK + "0");
      sans = sans == null ? registered : sans;
    }
    Face mono = bundled(resolver, "DejaVuSansMono.ttf", MONO);
    bundled(resolver, "DejaVuSansMono-Bold.ttf", MONO);
    PdfFonts fonts;
    if (userFont == null) {
      fonts = new PdfFonts(resolver, sans, mono);
    } else {
      fonts = new PdfFonts(resolver, user(resolver, userFont), mono);
      fonts.chain.add(fonts.text);
    }
    fonts.chain.add(sans);
    fonts.chain.add(mono);
    return fonts;
  }

  /** Whether some font of the chain can draw the character (searching the machine's fonts if need be). */
  boolean canDraw(int codePoint) {
    return faceFor(codePoint) != null;
  }

  /** Whether both the text and the code font have it, so no fallback span is needed. */
  boolean inBaseFonts(int codePoint) {
    return text.has(codePoint) && mono.has(codePoint);
  }

  /** The first font of the chain that draws the character, or null when none does. */
  Face faceFor(int codePoint) {
    return lookups.computeIfAbsent(codePoint, cp -> {
      for (Face face : chain) {
        if (face.has(cp)) {
          return face;
        }
      }
      return searchSystem(cp);
    });
  }

  private Face searchSystem(int codePoint) {
    if (system == null) {
      system = systemFonts();
    }
    while (nextSystem < system.size()) {
      Path file = system.get(nextSystem++);
      Face face = open(file);
      if (face != null) {
        chain.add(face);
        if (face.has(codePoint)) {
          return face;
        }
      }
    }
    return null;
  }

  private Face open(Path file) {
    String name = file.toString();
    String path = name.toLowerCase(Locale.ROOT).endsWith(".ttc") ? name + ",0" : name;
    try {
      BaseFont font = BaseFont.createFont(path, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
      String family = FALLBACK + chain.size();
      resolver.addFont(font, path, family);
      return new Face(family, font);
    } catch (IOException | RuntimeException e) {
      return null; // a font the PDF library cannot read (Type 1, bitmap, broken): try the next
    }
  }

  /** TrueType/OpenType files under the usual font folders, preferred broad faces first, then by path. */
  static List<Path> systemFonts() {
    List<Path> found = new ArrayList<>();
    for (String dir : SYSTEM_DIRS) {
      Path root = Path.of(dir);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root, 6)) {
        files.filter(Files::isRegularFile).filter(PdfFonts::usable).forEach(found::add);
      } catch (IOException | UncheckedIOException e) {
        // an unreadable folder holds no font we can use
      }
    }
    found.sort(Comparator.comparingInt(PdfFonts::preference).thenComparing(Path::toString));
    return found;
  }

  private static boolean usable(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    // Colour emoji fonts hold bitmaps the PDF cannot draw as text.
    return (name.endsWith(".ttf") || name.endsWith(".otf") || name.endsWith(".ttc")) && !name.contains("color");
  }

  private static int preference(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    for (int i = 0; i < PREFERRED.size(); i++) {
      if (name.startsWith(PREFERRED.get(i))) {
        return i;
      }
    }
    return PREFERRED.size();
  }

  private static Face bundled(ITextFontResolver resolver, String file, String family) throws IOException {
    String path = BundledFiles.path(file).toString();
    BaseFont font = BaseFont.createFont(path, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
    resolver.addFont(font, path, family);
    return new Face(family, font);
  }

  /**
   * The bundled fonts as files, written once per run into a private temporary folder (removed at
   * exit): Flying Saucer reads a font's metrics from its file, not from a stream.
   */
  private static final class BundledFiles {
    private static Path folder;

    static synchronized Path path(String file) throws IOException {
      if (folder == null) {
        folder = Files.createTempDirectory("attest-fonts-");
        folder.toFile().deleteOnExit();
      }
      Path target = folder.resolve(file);
      if (!Files.exists(target)) {
        try (InputStream in = PdfFonts.class.getResourceAsStream(BUNDLED + file)) {
          if (in == null) {
            throw new IOException("the bundled font " + file + " is missing from the jar");
          }
          Files.copy(in, target);
        }
        target.toFile().deleteOnExit();
      }
      return target;
    }
  }

  private static Face user(ITextFontResolver resolver, String font) throws IOException {
    // "collection.ttc,1" names one face of a TrueType collection, as OpenPDF expects it.
    Path file = Path.of(font.replaceFirst(",\\d+$", ""));
    if (!Files.isRegularFile(file)) {
      throw new IOException("PDF font " + file + " does not exist");
    }
    String path = file.toAbsolutePath() + font.substring(file.toString().length());
    try {
      BaseFont base = BaseFont.createFont(path, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
      resolver.addFont(base, path, TEXT);
      return new Face(TEXT, base);
    } catch (IOException | RuntimeException e) {
      throw new IOException("PDF font " + font + " cannot be embedded (expected a TrueType/OpenType .ttf, .otf, "
          + "or .ttc,N): " + e.getMessage(), e);
    }
  }
}
