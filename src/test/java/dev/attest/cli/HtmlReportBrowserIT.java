package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;

/**
 * The bundle's HTML report in a real browser: Selenium drives Debian's headless Chromium through
 * its chromedriver (both installed by .ci/run; the driver is named explicitly, so Selenium never
 * tries to download one). The page is opened from the bundle folder as an auditor would open it,
 * offline; the test reads the browser's console and works the findings filter as a user does.
 */
class HtmlReportBrowserIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir
  static Path dir;
  static Path report;
  static ChromeDriver browser;
  /** Held so the setting lasts: Selenium warns that it has no CDP binding for this Chromium, which WebDriver does not use. */
  static final java.util.logging.Logger CDP_LOG = quiet("org.openqa.selenium.devtools");

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  @BeforeAll
  static void scanAndOpenBrowser() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER) || System.getenv("CI") != null,
        "needs Debian's chromium and chromium-driver (.ci/run installs them)");
    Cli scan = Cli.run("scan", "--demo", "--snapshot", DocumentReportsIT.hostileSnapshot(dir).toString(),
        "--bundle", "--out", dir.resolve("out").toString());
    assertEquals(1, scan.exit(), scan.toString());
    report = BundleCommandIT.onlyBundle(dir.resolve("out")).resolve("report.html");
    assertTrue(Files.isRegularFile(report), "the bundle holds report.html");

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // No network from the browser: these switch off Chromium's own background connections.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-quic", "--user-data-dir=" + dir.resolve("profile"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @BeforeEach
  void load() {
    browser.get(report.toUri().toString());
  }

  private List<WebElement> rows() {
    return browser.findElements(By.cssSelector("#findings-table tr.finding"));
  }

  private List<WebElement> visibleRows() {
    return rows().stream().filter(WebElement::isDisplayed).toList();
  }

  private List<String> console() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
  }

  @Test
  void theBundleReportOpensWithoutConsoleMessagesAndShowsTheSummary() {
    assertEquals(List.of(), console(), "no console message at all");
    assertEquals("true", browser.findElement(By.tagName("body")).getAttribute("data-filter-ready"),
        "the filter script ran to its end");
    WebElement summary = browser.findElement(By.id("summary"));
    assertTrue(summary.isDisplayed());
    assertTrue(summary.findElements(By.cssSelector("svg rect")).size() >= 10, "charts drawn");
    assertTrue(browser.getPageSource().contains("164.312"), "the HIPAA view is there");
    assertEquals(rows().size(), visibleRows().size(), "unfiltered, every finding shows");
    assertEquals(1, browser.findElements(By.tagName("script")).size(), "the hostile name did not become a script");
  }

  @Test
  void atLaptopWidthTheFindingsFitThePageAndPrintingKeepsTheEvidence() {
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    browser.get(report.toUri().toString());
    org.openqa.selenium.JavascriptExecutor js = browser;
    long viewport = (Long) js.executeScript("return document.documentElement.clientWidth;");
    long table = ((Number) js.executeScript(
        "return document.getElementById('findings-table').getBoundingClientRect().width;")).longValue();
    long page = (Long) js.executeScript("return document.documentElement.scrollWidth;");
    assertTrue(table <= viewport && page <= viewport, "table " + table + ", page " + page + ", viewport " + viewport);
    long overflowing = (Long) js.executeScript("var n = 0; document.querySelectorAll('#findings-table pre, "
        + "#findings-table code').forEach(function (e) { if (e.scrollWidth > e.parentElement.clientWidth + 1) { n++; } });"
        + " document.querySelectorAll('#findings-table details').forEach(function (d) { d.open = true; }); return n;");
    assertEquals(0, overflowing, "code and snippets wrap inside their cells");

    browser.get(report.toUri().toString());
    WebElement evidence = browser.findElement(By.cssSelector("#findings-table tr.finding table.evidence"));
    assertFalse(evidence.isDisplayed(), "folded on screen");
    js.executeScript("window.dispatchEvent(new Event('beforeprint'));");
    browser.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", "print"));
    assertTrue(evidence.isDisplayed(), "printing opens every finding's evidence");
    assertEquals(0L, js.executeScript("return document.querySelectorAll('details:not([open])').length;"));
    assertFalse(browser.findElement(By.id("filters")).isDisplayed(), "no filter bar on paper");
    browser.executeCdpCommand("Emulation.setEmulatedMedia", java.util.Map.of("media", ""));
    js.executeScript("window.dispatchEvent(new Event('afterprint'));");
    assertFalse(evidence.isDisplayed(), "folded again after printing");
    assertEquals(List.of(), console());
  }

  @Test
  void theFilterNarrowsAsAUserChoosesAndTypes() {
    int total = rows().size();
    new Select(browser.findElement(By.id("filter-status"))).selectByValue("FAIL");
    List<WebElement> fails = visibleRows();
    assertFalse(fails.isEmpty());
    assertTrue(fails.size() < total);
    assertTrue(fails.stream().allMatch(r -> r.getAttribute("data-status").equals("FAIL")));
    assertEquals(fails.size() + " of " + total + " shown", browser.findElement(By.id("filter-count")).getText());

    new Select(browser.findElement(By.id("filter-severity"))).selectByValue("critical");
    List<WebElement> critical = visibleRows();
    assertTrue(critical.size() < fails.size());
    assertTrue(critical.stream().allMatch(r -> r.getAttribute("data-severity").equals("critical")));

    new Select(browser.findElement(By.id("filter-status"))).selectByValue("");
    new Select(browser.findElement(By.id("filter-severity"))).selectByValue("");
    WebElement search = browser.findElement(By.id("filter-text"));
    search.sendKeys("alert(1) 3389");
    List<WebElement> matched = visibleRows();
    assertEquals(1, matched.size(), "both words must match");
    assertEquals(DocumentReportsIT.HOSTILE, matched.get(0).findElement(By.className("res-name")).getText(),
        "the hostile resource name reads as text");

    search.clear();
    search.sendKeys("no-such-resource-anywhere");
    assertTrue(visibleRows().isEmpty());
    assertTrue(browser.findElement(By.id("filter-empty")).isDisplayed(), "says that nothing matches");
    assertEquals(List.of(), console());
  }
}
