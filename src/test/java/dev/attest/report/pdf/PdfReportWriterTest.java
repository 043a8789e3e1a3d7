package dev.attest.report.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.lowagie.text.pdf.PdfArray;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import dev.attest.TestPacks;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.Assessor;
import dev.attest.assessment.Gate;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.report.document.DocumentOptions;
import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
import dev.attest.rules.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PDF's fonts, checked as pdffonts would: with no --pdf-font every font is embedded TrueType
 * (no base-14 Type 1 font that drops non-Latin text), Greek, Cyrillic, Arabic and the tool's own
 * "→" survive text extraction, CJK comes from a system fallback font where the machine has one,
 * and the cover names what no font could draw.
 */
class PdfReportWriterTest {
  static final String GREEK = "ΔΕΔΟΜΕΝΑ-ασθενών";
  static final String CYRILLIC = "данные-пациентов";
  static final String ARROW = "tls→private";
  static final String JAPANESE = "患者データ";
  static final String EMOJI = "🏥";
  /** IPA Gothic (fonts-ipafont-gothic, which .ci/run installs): the system fallback for Japanese. */
  static final Path IPA = Path.of("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf");

  @TempDir
  static Path dir;
  static RulePack pack;

  @BeforeAll
  static void setUp() throws Exception {
    pack = RulePackLoader.load(TestPacks.write(dir.resolve("pack"), Map.of(
        "t/AZ-TST-0001.yaml", TestPacks.rule("AZ-TST-0001", "Microsoft.Web/sites", "field: properties.x\nequals: 1", null),
        "t/AZ-TST-0001.fixtures.yaml", "[]")));
    assertTrue(pack.valid(), pack.problems().toString());
  }

  static Assessment assessment(String... names) {
    List<Finding> findings = new ArrayList<>();
    for (String name : names) {
      findings.add(new Finding("AZ-TST-0001-" + findings.size(), "AZ-TST-0001", "Test rule",
          "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/" + name, name, "Microsoft.Web/sites", "s",
          Status.FAIL, "high", "tls", List.of("hipaa:164.312(e)(1)"), "message about " + name, List.of()));
    }
    return new Assessor("test").assess(pack, new InventoryBuilder().build(), findings, new Gate(Severity.HIGH, Set.of()));
  }

  static String text(PdfReader reader) throws Exception {
    PdfTextExtractor extractor = new PdfTextExtractor(reader);
    StringBuilder all = new StringBuilder();
    for (int page = 1; page <= reader.getNumberOfPages(); page++) {
      all.append(extractor.getTextFromPage(page)).append('\n');
    }
    return all.toString();
  }

  /** Every font of every page: name, subtype and whether a TrueType font program (FontFile2) is embedded. */
  static List<String> fonts(PdfReader reader) {
    Set<String> fonts = new TreeSet<>();
    for (int page = 1; page <= reader.getNumberOfPages(); page++) {
      PdfDictionary resources = reader.getPageN(page).getAsDict(PdfName.RESOURCES);
      PdfDictionary fontDict = resources == null ? null : resources.getAsDict(PdfName.FONT);
      if (fontDict == null) {
        continue;
      }
      for (PdfName key : fontDict.getKeys()) {
        PdfDictionary font = fontDict.getAsDict(key);
        PdfDictionary descriptor = font.getAsDict(PdfName.FONTDESCRIPTOR);
        PdfArray descendants = font.getAsArray(PdfName.DESCENDANTFONTS);
        if (descriptor == null && descendants != null) {
          descriptor = descendants.getAsDict(0).getAsDict(PdfName.FONTDESCRIPTOR);
        }
        boolean embedded = descriptor != null && descriptor.get(PdfName.FONTFILE2) != null;
        String base = font.getAsName(PdfName.BASEFONT).toString();
        fonts.add(base.substring(base.indexOf('+') + 1) + " " + font.getAsName(PdfName.SUBTYPE)
            + (embedded ? " embedded" : " NOT EMBEDDED"));
      }
    }
    return List.copyOf(fonts);
  }

  @Test
  void byDefaultEveryFontIsEmbeddedAndGreekCyrillicArabicAndArrowsSurvive() throws Exception {
    String arabic = "بيانات";
    Path out = dir.resolve("default");
    new PdfReportWriter(DocumentOptions.defaults()).write(assessment(GREEK, CYRILLIC, ARROW, "x-" + arabic), out);
    PdfReader reader = new PdfReader(Files.readAllBytes(out.resolve("report.pdf")));
    List<String> fonts = fonts(reader);
    assertTrue(fonts.stream().allMatch(f -> f.endsWith(" embedded")), fonts.toString());
    assertTrue(fonts.stream().noneMatch(f -> f.matches("(Times|Helvetica|Courier).*")), "no base-14 font: " + fonts);
    assertTrue(fonts.contains("DejaVuSans /Type0 embedded") && fonts.contains("DejaVuSansMono /Type0 embedded")
        && fonts.contains("DejaVuSans-Bold /Type0 embedded"), fonts.toString());
    String text = text(reader);
    assertTrue(text.contains(GREEK), "Greek");
    assertTrue(text.contains(CYRILLIC), "Cyrillic");
    assertTrue(text.contains(ARROW), "the arrow");
    for (char c : arabic.toCharArray()) {
      assertTrue(text.indexOf(c) >= 0 || text.codePoints().anyMatch(cp -> cp >= 0xFE70 && cp <= 0xFEFF),
          "Arabic letters (or their shaped forms) are drawn: " + c);
    }
    assertFalse(text.contains("no font available"), "nothing is missing, so the cover says nothing");
    reader.close();
  }

  @Test
  void cjkFallsBackToASystemFontAndTheCoverNamesWhatNoFontHas() throws Exception {
    assumeTrue(Files.isRegularFile(IPA) || System.getenv("CI") != null, "needs fonts-ipafont-gothic (.ci/run installs it)");
    Path out = dir.resolve("cjk");
    new PdfReportWriter(DocumentOptions.defaults()).write(assessment(JAPANESE + "-" + GREEK, "clinic-" + EMOJI), out);
    PdfReader reader = new PdfReader(Files.readAllBytes(out.resolve("report.pdf")));
    List<String> fonts = fonts(reader);
    assertTrue(fonts.stream().anyMatch(f -> f.startsWith("IPA")), "a system CJK font was embedded: " + fonts);
    assertTrue(fonts.stream().allMatch(f -> f.endsWith(" embedded")), fonts.toString());
    String text = text(reader);
    // OpenPDF's extractor emits the runs of different fonts within a line in its own order, so each is looked for alone.
    assertTrue(text.contains(JAPANESE) && text.contains("-" + GREEK),
        "Japanese from the fallback beside Greek from DejaVu Sans: " + text);
    String cover = new PdfTextExtractor(reader).getTextFromPage(1).replaceAll("\\s+", " ");
    assertTrue(cover.contains("no font available to this PDF can show (U+1F3E5 (Miscellaneous Symbols and Pictographs))"),
        cover);
    reader.close();
  }

  @Test
  void aUserFontIsTheTextFontAndTheBundledOnesStillCoverWhatItLacks() throws Exception {
    assumeTrue(Files.isRegularFile(IPA) || System.getenv("CI") != null, "needs fonts-ipafont-gothic (.ci/run installs it)");
    Path out = dir.resolve("user");
    new PdfReportWriter(new DocumentOptions(null, null, IPA.toString(), DocumentOptions.PageSize.A4))
        .write(assessment(JAPANESE, CYRILLIC + "-ђ"), out);
    PdfReader reader = new PdfReader(Files.readAllBytes(out.resolve("report.pdf")));
    List<String> fonts = fonts(reader);
    assertTrue(fonts.contains("IPAGothic /Type0 embedded"), fonts.toString());
    String text = text(reader);
    assertTrue(text.contains(JAPANESE) && text.contains(CYRILLIC + "-ђ"),
        "ђ is not in IPA Gothic: drawn from DejaVu Sans");
    assertNotNull(reader.getPageN(1));
    assertEquals(-1, text.indexOf("no font available"));
    reader.close();
  }
}
