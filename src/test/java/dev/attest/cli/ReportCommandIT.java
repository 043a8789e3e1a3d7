package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attest.report.SampleScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandIT {
  private static final List<String> FILES = List.of("findings.csv", "findings.sarif", "junit.xml", "summary.md");

  @TempDir
  Path dir;
  Path pack;
  Path snapshot;

  @BeforeEach
  void setUp() throws Exception {
    pack = SampleScan.writePack(dir);
    snapshot = SampleScan.writeSnapshot(dir);
  }

  private Cli scan(Path out, String... formats) {
    List<String> args = new java.util.ArrayList<>(List.of("scan", "--rules", pack.toString(), "--snapshot",
        snapshot.toString(), "--out", out.toString(), "-q"));
    for (String format : formats) {
      args.add("--format");
      args.add(format);
    }
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void scanTakesCommaListsAndRepeatedFlagsForEveryFormat() {
    Cli cli = scan(dir.resolve("scan"), "json,csv", "sarif", "junit,md");
    assertEquals(1, cli.exit(), cli.toString());
    for (String file : List.of("findings.json", "findings.csv", "findings.sarif", "junit.xml", "summary.md")) {
      assertTrue(Files.isRegularFile(dir.resolve("scan").resolve(file)), file);
    }
  }

  @Test
  void reportRendersFromTheSavedFileExactlyWhatTheScanWrote() throws Exception {
    scan(dir.resolve("scan"), "json,csv,sarif,junit,md");
    Path findings = dir.resolve("scan/findings.json");
    Cli report = Cli.run("report", findings.toString(), "--format", "csv,sarif", "--format", "junit,md,json",
        "--out", dir.resolve("again").toString());
    assertEquals(0, report.exit(), report.toString());
    assertTrue(report.out().contains("Wrote " + dir.resolve("again/findings.sarif")), report.out());
    for (String file : List.of("findings.json", "findings.csv", "findings.sarif", "junit.xml", "summary.md")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("scan").resolve(file)),
          Files.readAllBytes(dir.resolve("again").resolve(file)), file);
    }
  }

  @Test
  void byDefaultReportWritesEveryOtherFormatBesideTheFindings() throws Exception {
    scan(dir.resolve("only-json"), "json");
    Cli report = Cli.run("report", dir.resolve("only-json/findings.json").toString());
    assertEquals(0, report.exit(), report.toString());
    for (String file : FILES) {
      assertTrue(Files.isRegularFile(dir.resolve("only-json").resolve(file)), file);
    }
  }

  @Test
  void theSummaryShowsTheBaselineComparisonAndWaiversWhenGiven() throws Exception {
    scan(dir.resolve("before"), "json");
    Path waivers = dir.resolve("waivers.yaml");
    Files.writeString(waivers, """
        waivers:
          - id: WVR-TEST-001
            rules: [AZ-TST-0001]
            resources: ["/subscriptions/*/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/old"]
            category: risk-accepted
            justification: Accepted until the migration.
            approver: Security Officer
            expires: 2027-01-31
        """);
    Cli cli = Cli.run("scan", "--rules", pack.toString(), "--snapshot", snapshot.toString(), "--out",
        dir.resolve("after").toString(), "-q", "--format", "json,md", "--waivers", waivers.toString(),
        "--as-of", "2026-11-01", "--baseline", dir.resolve("before/findings.json").toString());
    assertEquals(1, cli.exit(), cli.toString());
    String md = Files.readString(dir.resolve("after/summary.md"));
    assertTrue(md.contains("## Since the baseline\n"), md);
    assertTrue(md.contains("| 0 | 0 | 3 | 1 | 0 |\n"), md);
    assertTrue(md.contains("## Waivers and attestations\n\nAs of 2026-11-01.\n\nWaivers: 1 active.\n"), md);
    Cli report = Cli.run("report", dir.resolve("after/findings.json").toString(), "--format", "md",
        "--out", dir.resolve("again").toString());
    assertEquals(0, report.exit(), report.toString());
    assertEquals(md, Files.readString(dir.resolve("again/summary.md")), "the comparison is rendered from the file");
  }

  @Test
  void unknownFormatsAndBadFilesAreOneLineUsageErrors() throws Exception {
    scan(dir.resolve("scan"), "json");
    Path findings = dir.resolve("scan/findings.json");
    Cli unknown = Cli.run("report", findings.toString(), "--format", "csv,docx");
    assertEquals(2, unknown.exit());
    assertEquals("attest report: unknown format 'docx' (available: json, csv, sarif, junit, md, html, pdf)", unknown.err().strip());
    Cli scanUnknown = scan(dir.resolve("x"), "pdfx");
    assertEquals(2, scanUnknown.exit());
    assertEquals("attest scan: unknown format 'pdfx' (available: json, csv, sarif, junit, md, html, pdf)", scanUnknown.err().strip());

    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, Files.readString(findings).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 7"));
    Cli wrongVersion = Cli.run("report", broken.toString());
    assertEquals(2, wrongVersion.exit());
    assertEquals("attest report: " + broken + ":2:21: schemaVersion 7 is not supported"
        + " (this version of attest reads schemaVersion 1)", wrongVersion.err().strip());
    Files.writeString(broken, "{\"schemaVersion\": 1, \"summary\": [}");
    Cli malformed = Cli.run("report", broken.toString());
    assertEquals(2, malformed.exit());
    assertEquals(1, malformed.err().strip().lines().count(), malformed.err());
    assertTrue(malformed.err().startsWith("attest report: " + broken + ":1:"), malformed.err());
    assertFalse(malformed.err().contains("Exception"), malformed.err());
    Cli missing = Cli.run("report", dir.resolve("nope.json").toString());
    assertEquals(2, missing.exit());
    assertEquals("attest report: " + dir.resolve("nope.json") + ": no such file", missing.err().strip());
    assertFalse(Files.exists(dir.resolve("findings.csv")), "nothing is written for bad input");
  }
}
