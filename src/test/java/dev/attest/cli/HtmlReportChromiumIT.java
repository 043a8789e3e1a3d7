package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: Debian's headless Chromium loads the file (no network),
 * runs the report's script with a filter preset in the URL fragment, and dumps the resulting DOM,
 * whose hidden rows show what the filter did. Console messages go to Chromium's log on stderr.
 */
class HtmlReportChromiumIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir
  static Path dir;
  static Path report;

  @BeforeAll
  static void render() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) || System.getenv("CI") != null,
        "needs Debian's chromium (.ci/run installs it)");
    Cli scan = Cli.run("scan", "--demo", "--snapshot", DocumentReportsIT.hostileSnapshot(dir).toString(),
        "--out", dir.resolve("out").toString(), "--format", "html");
    assertEquals(1, scan.exit(), scan.toString());
    report = dir.resolve("out/report.html");
  }

  record Page(Document dom, String console) {
    List<Element> visibleRows() {
      return dom.select("#findings-table tr.finding").stream().filter(r -> !r.hasAttr("hidden")).toList();
    }
  }

  static Page open(String fragment) throws Exception {
    Path log = dir.resolve("chromium-" + Math.abs(fragment.hashCode()) + ".log");
    Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0",
        "--dump-dom", report.toUri() + fragment)
        .redirectError(log.toFile())
        .start();
    String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(chromium.waitFor(120, TimeUnit.SECONDS), "chromium finished");
    assertEquals(0, chromium.exitValue(), Files.readString(log));
    String console = Files.readAllLines(log).stream().filter(line -> line.contains(":CONSOLE"))
        .reduce("", (a, b) -> a + b + "\n");
    return new Page(Jsoup.parse(dom), console);
  }

  @Test
  void theReportRunsItsScriptWithoutConsoleErrorsAndShowsTheSummary() throws Exception {
    Page page = open("");
    assertEquals("", page.console(), "no console message at all");
    assertEquals("true", page.dom().body().attr("data-filter-ready"), "the filter script ran to its end");
    assertTrue(page.dom().select("#summary svg rect").size() >= 10, "charts drawn");
    int rows = page.dom().select("#findings-table tr.finding").size();
    assertEquals(rows, page.visibleRows().size(), "unfiltered, every finding shows");
    assertTrue(page.dom().select("script").size() == 1, "the hostile resource name did not become a script");
  }

  @Test
  void theFilterNarrowsByStatusSeverityAreaAndText() throws Exception {
    Page fails = open("#status=FAIL");
    assertFalse(fails.visibleRows().isEmpty());
    assertTrue(fails.visibleRows().stream().allMatch(r -> r.attr("data-status").equals("FAIL")));
    int total = fails.dom().select("#findings-table tr.finding").size();
    assertEquals(fails.visibleRows().size() + " of " + total + " shown", fails.dom().getElementById("filter-count").text());

    Page critical = open("#status=FAIL&severity=critical&area=network");
    assertTrue(critical.visibleRows().stream().allMatch(r -> r.attr("data-severity").equals("critical")
        && r.attr("data-area").equals("network")));
    assertTrue(critical.visibleRows().size() < fails.visibleRows().size());

    Page text = open("#q=" + java.net.URLEncoder.encode("alert(1) 3389", StandardCharsets.UTF_8));
    assertEquals(1, text.visibleRows().size(), "both words must match: " + text.dom().getElementById("filter-count").text());
    assertEquals(DocumentReportsIT.HOSTILE, text.visibleRows().get(0).selectFirst(".res-name").text());

    Page none = open("#q=no-such-resource-anywhere");
    assertTrue(none.visibleRows().isEmpty());
    assertFalse(none.dom().getElementById("filter-empty").hasAttr("hidden"), "says that nothing matches");
    assertEquals("", none.console());
  }
}
