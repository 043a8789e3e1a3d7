package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.SimpleBookmark;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML and PDF reports of the demo tenant plus hostile and non-Latin resource names, through
 * the real CLI: escaping, structure, self-containment, and the PDF parsed back.
 */
class DocumentReportsIT {
  static final String HOSTILE = "<script>alert(1)</script>";
  static final String JAPANESE = "患者データ";
  static final String GREEK = "ΔΕΔΟΜΕΝΑ";
  /** Right-to-left text and an emoji beside the CJK and Greek: none of them may break a report. */
  static final String UNICODE_NAME = JAPANESE + "-nsg-" + GREEK + "-נתוני-מטופלים-🏥";
  static final String IMG = "<img src=x onerror=alert(2)>";
  /** IPA Gothic (Debian fonts-ipafont-gothic, installed by .ci/run) covers Latin, Greek and Japanese. */
  static final Path FONT = Path.of("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf");

  @TempDir
  static Path dir;
  static Path out;
  static Cli scan;

  /** Two NSGs admitting RDP from the internet, in a demo subscription, with names no escaping may miss. */
  static Path hostileSnapshot(Path folder) throws Exception {
    String sub = "/subscriptions/1b2c3d4e-0000-4000-8000-000000000001/resourceGroups/rg-test/providers/"
        + "Microsoft.Network/networkSecurityGroups/";
    List<Map<String, Object>> nsgs = new ArrayList<>();
    for (String name : List.of(HOSTILE, UNICODE_NAME)) {
      Map<String, Object> rule = Map.of("name", "AllowRdp\"<b>" + IMG, "properties", Map.of(
          "priority", 100, "direction", "Inbound", "access", "Allow", "protocol", "Tcp",
          "sourceAddressPrefix", "Internet", "sourcePortRange", "*", "destinationAddressPrefix", "*",
          "destinationPortRange", "3389"));
      Map<String, Object> nsg = new HashMap<>();
      nsg.put("id", sub + name);
      nsg.put("name", name);
      nsg.put("type", "Microsoft.Network/networkSecurityGroups");
      nsg.put("location", "eastus");
      nsg.put("properties", Map.of("securityRules", List.of(rule)));
      nsgs.add(nsg);
    }
    Path file = folder.resolve("hostile.json");
    new ObjectMapper().writeValue(file.toFile(), nsgs);
    return file;
  }

  @BeforeAll
  static void scan() throws Exception {
    assumeTrue(Files.isRegularFile(FONT) || System.getenv("CI") != null,
        "needs Debian's fonts-ipafont-gothic (.ci/run installs it)");
    out = dir.resolve("out");
    scan = Cli.run("scan", "--demo", "--snapshot", hostileSnapshot(dir).toString(), "--out", out.toString(),
        "--format", "json,html,pdf", "--pdf-font", FONT.toString());
  }

  @Test
  void theScanWritesBothReportsAndStaysQuietOnStderr() {
    assertEquals(1, scan.exit(), scan.toString());
    assertEquals("", scan.err(), scan.toString());
    assertTrue(scan.out().contains("Wrote " + out.resolve("report.html")), scan.out());
    assertTrue(scan.out().contains("Wrote " + out.resolve("report.pdf")), scan.out());
  }

  @Test
  void everyInventoryValueIsEscapedInTheHtml() throws Exception {
    String raw = Files.readString(out.resolve("report.html"));
    Document html = Jsoup.parse(raw);
    // Our own filter script is the only script; the hostile name is text wherever it appears.
    assertEquals(1, html.select("script").size(), "only the report's own script");
    assertFalse(html.select("script").first().data().contains("alert(1)"));
    assertFalse(raw.contains(HOSTILE), "the raw name never reaches the markup unescaped");
    assertFalse(raw.contains("AllowRdp\"<b>"), "evidence notes are escaped too");
    assertTrue(raw.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(html.select(".res-name").eachText().contains(HOSTILE), "rendered as visible text");
    assertTrue(html.select(".res-name").eachText().contains(UNICODE_NAME), "CJK, Greek, RTL and emoji survive");
    assertTrue(html.select("b").isEmpty(), "no element injected from an evidence value");
    assertTrue(html.select("img").isEmpty() && !raw.contains(IMG), "an <img onerror> in a value stays text");
    assertTrue(html.text().contains(IMG));
    Element row = html.select("tr.finding").stream().filter(r -> r.attr("data-search").contains("alert(1)"))
        .findFirst().orElseThrow();
    assertTrue(row.attr("data-search").contains("<script>"), "attribute values keep the text, escaped in source");
  }

  @Test
  void theHtmlIsSelfContainedAndHasEverySection() throws Exception {
    Document html = Jsoup.parse(Files.readString(out.resolve("report.html")));
    assertTrue(html.select("link, img, iframe, object, embed, [src]").isEmpty(), "nothing loaded from elsewhere");
    assertTrue(html.select("[href]").stream().allMatch(a -> a.attr("href").startsWith("#")), "links stay inside");
    assertTrue(html.select("style").first().data().contains("@media print"), "a print stylesheet");
    for (String id : List.of("cover", "summary", "hipaa", "hitrust", "findings", "waivers", "attestations", "rules")) {
      assertEquals(1, html.select("section#" + id).size(), id);
    }
    assertTrue(html.select("#cover").text().contains("Confidential"));
    assertTrue(html.select("#cover").text().contains("Collection and evaluation were complete")
        || html.select("#cover").text().contains("This assessment is incomplete"));
    assertEquals(4, html.select("#summary svg").size(), "controls, severity, status and area charts as inline SVG");
    assertEquals(html.select("#chart-areas tbody tr").size(), html.select("#chart-areas-svg svg > g:not(.legend)").size(),
        "one stacked bar per area");
    assertEquals(List.of("164.308 Administrative safeguards", "164.310 Physical safeguards",
        "164.312 Technical safeguards", "164.316 Policies and procedures and documentation requirements"),
        html.select("#hipaa .group > h3").eachText());
    assertTrue(html.select("#hipaa .designation").eachText().containsAll(List.of("Required", "Addressable")));
    Element facility = html.getElementById("c-hipaa-164-310-a-1");
    assertTrue(facility.text().contains("inherited"), "physical safeguards are shown as inherited, not satisfied");
    assertTrue(html.select("#hitrust .control").size() > 50);
    Element transmission = html.getElementById("c-hipaa-164-312-e-1");
    assertTrue(transmission.select(".worst .res-name").eachText().contains(HOSTILE),
        "the control lists its failing resources: " + transmission.text());
    int findings = new ObjectMapper().readTree(out.resolve("findings.json").toFile()).get("findings").size();
    assertEquals(findings, html.select("#findings-table tr.finding").size(), "the HTML lists every finding");
    Element rule = html.getElementById("r-az-net-0001");
    assertTrue(rule.select("pre.code").size() >= 2, "remediation with az and Bicep snippets: " + rule.text());
    Element failing = html.select("tr.finding[data-status=FAIL]").first();
    assertTrue(failing.select(".remediation").size() == 1 && failing.select(".evidence").size() == 1,
        "a failing finding shows its evidence and remediation");
  }

  @Test
  void thePdfHasPagesBookmarksHeadersAndTheNamesInAnyScript() throws Exception {
    PdfReader reader = new PdfReader(Files.readAllBytes(out.resolve("report.pdf")));
    int pages = reader.getNumberOfPages();
    assertTrue(pages > 10, "pages: " + pages);
    assertEquals(595, Math.round(reader.getPageSize(1).getWidth()), "A4 by default");
    PdfTextExtractor extractor = new PdfTextExtractor(reader);
    StringBuilder all = new StringBuilder();
    for (int page = 1; page <= pages; page++) {
      all.append(extractor.getTextFromPage(page)).append('\n');
    }
    String text = all.toString();
    assertTrue(extractor.getTextFromPage(1).contains("Page 1 of " + pages), extractor.getTextFromPage(1));
    assertTrue(extractor.getTextFromPage(1).replaceAll("\\s+", " ").contains("no font available to this PDF can show (U+1F3E5"),
        "no font here has the emoji, and the cover says which character is missing: " + extractor.getTextFromPage(1));
    assertTrue(extractor.getTextFromPage(2).matches("(?s).*Contents.*Findings \\.+ \\d+.*"), "contents with page numbers");
    assertFalse(reader.getInfo().containsKey("CreationDate"), "no clock in the output");
    assertTrue(extractor.getTextFromPage(2).contains("Confidential"));
    assertTrue(extractor.getTextFromPage(2).contains("Attest assessment"), "running header");
    assertTrue(text.contains(HOSTILE), "escaped markup prints as text");
    assertTrue(text.contains(JAPANESE), "Japanese survives with an embedded font");
    assertTrue(text.contains(GREEK), "Greek survives with an embedded font");
    assertTrue(text.contains("נתוני") || text.contains(new StringBuilder("נתוני").reverse()),
        "Hebrew, which IPA Gothic lacks, is drawn from the bundled DejaVu Sans");
    assertTrue(text.contains("findings.csv"), "the PDF names the full population's files");
    int i308 = text.indexOf("164.308(a)(1)(i)");
    int i310 = text.indexOf("164.310(a)(1)");
    int i312 = text.indexOf("164.312(a)(1)");
    int i316 = text.indexOf("164.316(a)");
    int hitrust = text.indexOf("01.b User Registration");
    assertTrue(0 < i308 && i308 < i310 && i310 < i312 && i312 < i316 && i316 < hitrust,
        List.of(i308, i310, i312, i316, hitrust).toString());

    List<Map<String, Object>> outline = SimpleBookmark.getBookmarkList(reader);
    List<String> titles = outline.stream().map(b -> (String) b.get("Title")).toList();
    assertEquals(List.of("Cover", "Contents", "Executive summary", "HIPAA Security Rule by citation",
        "HITRUST CSF by control", "Findings", "Waiver register", "Attestation register", "Appendix: rules"), titles);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> hipaa = (List<Map<String, Object>>) outline.get(3).get("Kids");
    assertEquals("164.312 Technical safeguards", hipaa.get(2).get("Title"));
    reader.close();
  }
}
