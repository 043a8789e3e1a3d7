package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --templates, --page-size and --pdf-font: rebranding works, and every bad value is one line and exit 2. */
class DocumentOptionsIT {
  @TempDir
  Path dir;

  @Test
  void aTemplatesFolderOverridesTheBundledFilesOneByOne() throws Exception {
    Path brand = Files.createDirectories(dir.resolve("brand"));
    String bundledCss = Files.readString(Path.of("templates/report.css"));
    Files.writeString(brand.resolve("report.css"), "/* Example Health brand */\n" + bundledCss.replace("#1f4e79", "#0a7d6e"));
    Cli scan = Cli.run("scan", "--demo", "--out", dir.resolve("out").toString(), "--format", "html",
        "--templates", brand.toString());
    assertEquals(1, scan.exit(), scan.toString());
    String html = Files.readString(dir.resolve("out/report.html"));
    assertTrue(html.contains("/* Example Health brand */") && html.contains("#0a7d6e"), "the copied stylesheet is used");
    assertTrue(html.contains("id=\"hitrust\""), "the other templates still come from the jar");
  }

  @Test
  void aBrokenTemplateIsOneLineNamingTheFileAndPlace() throws Exception {
    Path brand = Files.createDirectories(dir.resolve("broken"));
    Files.writeString(brand.resolve("report.ftlh"), "<#ftl output_format=\"HTML\">\n<p>\n${report.noSuchThing.title}\n");
    Cli scan = Cli.run("scan", "--demo", "--out", dir.resolve("out").toString(), "--format", "html",
        "--templates", brand.toString());
    assertEquals(2, scan.exit(), scan.toString());
    assertEquals(1, scan.err().lines().count(), scan.err());
    assertTrue(scan.err().contains(brand.resolve("report.ftlh") + ":3:3: "), scan.err());
    assertFalse(Files.exists(dir.resolve("out/report.html")));
  }

  @Test
  void badOptionValuesAreUsageErrors() throws Exception {
    Cli size = Cli.run("scan", "--demo", "--out", dir.toString(), "--format", "pdf", "--page-size", "a3");
    assertEquals(2, size.exit(), size.toString());
    assertEquals("attest scan: --page-size a3: expected a4 or letter\n", size.err());

    Cli font = Cli.run("scan", "--demo", "--out", dir.toString(), "--format", "pdf", "--pdf-font", "no/such.ttf");
    assertEquals(2, font.exit(), font.toString());
    assertTrue(font.err().contains("PDF font no/such.ttf does not exist"), font.err());
    assertEquals(1, font.err().lines().count(), font.err());

    Cli templates = Cli.run("scan", "--demo", "--out", dir.toString(), "--format", "html", "--templates", "no/such/dir");
    assertEquals(2, templates.exit(), templates.toString());
    assertTrue(templates.err().contains("templates folder no/such/dir does not exist"), templates.err());
  }

  @Test
  void letterPagesOnRequest() throws Exception {
    Cli scan = Cli.run("scan", "--demo", "--snapshot", DocumentReportsIT.hostileSnapshot(dir).toString(),
        "--out", dir.resolve("out").toString(), "--format", "pdf", "--page-size", "letter");
    assertEquals(1, scan.exit(), scan.toString());
    PdfReader reader = new PdfReader(Files.readAllBytes(dir.resolve("out/report.pdf")));
    assertEquals(612, Math.round(reader.getPageSize(1).getWidth()), "US Letter is 8.5in wide");
    reader.close();
  }
}
