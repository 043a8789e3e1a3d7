package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waivers (with expiry and unused ones), attestations (with an Addressable decision) and a baseline in HTML and PDF. */
class DocumentRegistersIT {
  @TempDir
  Path dir;

  @Test
  void registersAndTheBaselineShowInBothReports() throws Exception {
    Path waivers = dir.resolve("waivers.yaml");
    Files.writeString(waivers, """
        waivers:
          - id: WVR-1
            rules: [AZ-NET-0001]
            resources: ["/subscriptions/*/resourceGroups/rg-legacy-imaging/**"]
            category: risk-accepted
            justification: Vendor support path until the PACS gateway is retired.
            approver: Privacy Officer
            ticket: CHG-10442
            expires: 2027-06-30
          - id: WVR-2
            rules: [AZ-NET-0002]
            category: waiver
            justification: Old exception.
            approver: CISO
            expires: 2026-01-31
          - id: WVR-3
            rules: [AZ-NET-*]
            resources: ["/subscriptions/*/resourceGroups/rg-does-not-exist/**"]
            category: waiver
            justification: Nothing matches this.
            approver: CISO
            expires: 2027-06-30
        """);
    Path attestations = dir.resolve("attestations.yaml");
    Files.writeString(attestations, """
        attestations:
          - id: ATT-3
            controls: ["hipaa:164.312(a)(2)(iii)"]
            statement: Automatic logoff is enforced by the EHR after 15 minutes.
            owner: Clinical applications lead
            date: 2026-08-01
            decision: alternative
            alternative: Session timeout enforced by the EHR application instead of the operating system.
        """);
    // The baseline saw two more failing NSGs than today's scan: their findings show as resolved.
    Path before = dir.resolve("before");
    Cli first = Cli.run("scan", "--demo", "--snapshot", DocumentReportsIT.hostileSnapshot(dir).toString(),
        "--out", before.toString(), "--format", "json");
    assertEquals(1, first.exit(), first.toString());
    Path out = dir.resolve("out");
    Cli scan = Cli.run("scan", "--demo", "--out", out.toString(), "--format", "html,pdf", "--as-of", "2026-11-23",
        "--waivers", waivers.toString(), "--attestations", attestations.toString(),
        "--baseline", before.resolve("findings.json").toString());
    assertEquals(1, scan.exit(), scan.toString());

    Document html = Jsoup.parse(Files.readString(out.resolve("report.html")));
    String register = html.getElementById("waivers").text();
    assertTrue(register.contains("WVR-1 active") && register.contains("CHG-10442"), register);
    assertTrue(register.contains("WVR-2 expired") && register.contains("WVR-3 unused"), register);
    Element waived = html.select("tr.finding[data-status=WAIVED]").first();
    assertTrue(waived.text().contains("Waived under WVR-1"), waived.text());
    assertTrue(waived.select(".evidence").size() == 1, "a waived finding keeps its evidence");
    String attested = html.getElementById("attestations").text();
    assertTrue(attested.contains("Addressable decision: an equivalent alternative measure is implemented: Session "
        + "timeout enforced by the EHR application"), attested);
    assertEquals("#a-att-3", html.getElementById("c-hipaa-164-312-a-2-iii").select("a[href=#a-att-3]").attr("href"));
    String baseline = html.getElementById("baseline").text();
    assertTrue(baseline.contains("0 new, 2 resolved") && baseline.contains("1 newly waived"), baseline);
    assertTrue(baseline.contains(DocumentReportsIT.HOSTILE), "resolved findings are named, as text: " + baseline);

    PdfReader reader = new PdfReader(Files.readAllBytes(out.resolve("report.pdf")));
    PdfTextExtractor extractor = new PdfTextExtractor(reader);
    StringBuilder text = new StringBuilder();
    for (int page = 1; page <= reader.getNumberOfPages(); page++) {
      text.append(extractor.getTextFromPage(page)).append('\n');
    }
    assertTrue(extractor.getTextFromPage(2).contains("2026-11-23"), "the assessment date (--as-of) in the running header");
    for (String expected : new String[] {"Change since the baseline", "Waiver register", "WVR-2", "Attestation register",
        "Addressable decision", "Waived under WVR-1"}) {
      assertTrue(text.indexOf(expected) >= 0, expected);
    }
    reader.close();
  }
}
