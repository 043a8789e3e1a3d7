package dev.attest.report.document;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lowagie.text.pdf.PdfReader;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.Assessor;
import dev.attest.assessment.Gate;
import dev.attest.controls.Control;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.policy.ControlPolicy;
import dev.attest.policy.Exemption;
import dev.attest.policy.PolicyOverview;
import dev.attest.report.pdf.PdfReportWriter;
import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
import dev.attest.rules.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PDF stays under 300 pages for the worst tenant Azure Policy can describe: the bundled pack,
 * every control of its catalog with failures and with a Policy opinion whose every list is full
 * (500 disagreements, 10,000 agreements and unjudged resources, the first 50 of each listed), and
 * 20,000 exemptions, all with long resource ids.
 */
class ReportViewPdfBoundTest {
  static final String RG = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/"
      + "rg-clinical-imaging-production-eastus2/providers/";
  static final String FILTER = "policySetDefinitionName eq 'a169a624-5599-4385-a696-c8d643089fab' or "
      + "policySetDefinitionCategory eq 'Regulatory Compliance'";

  @TempDir
  Path dir;

  @Test
  void thePolicySectionsOfTheWorstTenantStayUnder300Pages() throws Exception {
    RulePack pack = RulePackLoader.load(Path.of("rules"));
    List<String> controls = pack.catalog().controls().stream().map(Control::id).toList();
    String rule = pack.rules().get(0).id();
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      // Three controls each, so that every control has more failures than its section lists.
      List<String> mine = List.of(controls.get(i % controls.size()), controls.get((i + 45) % controls.size()),
          controls.get((i + 90) % controls.size()));
      findings.add(new Finding("F-%05d".formatted(i), rule, "Rule", RG + "Microsoft.Storage/storageAccounts/acct-" + i,
          "acct-" + i, "Microsoft.Storage/storageAccounts", "s", Status.FAIL, "high", "tls", mine, "message " + i, List.of()));
    }
    Assessment scan = new Assessor("test").assess(pack, new InventoryBuilder().build(), findings,
        new Gate(Severity.HIGH, Set.of()));
    ControlPolicy full = new ControlPolicy(10_000, 10_000, 10, 10_000,
        IntStream.range(0, ControlPolicy.LISTED).mapToObj(i -> new ControlPolicy.Agreement(
            RG + "Microsoft.Network/networkSecurityGroups/nsg-agree-" + i, "FAIL", "NonCompliant")).toList(),
        IntStream.range(0, 500).mapToObj(i -> new ControlPolicy.Disagreement(
            RG + "Microsoft.Network/networkSecurityGroups/nsg-differ-" + i, "PASS", "NonCompliant",
            List.of("9daedab3-fb2d-461e-b861-71790eead4f6", "e71308d3-144b-4262-b144-efdc3cc90517"))).toList(),
        10_000,
        IntStream.range(0, ControlPolicy.LISTED).mapToObj(i -> new ControlPolicy.NotJudged(
            RG + "Microsoft.Compute/disks/disk-unjudged-" + i, List.of("0a914e76-4921-4c19-b460-a2d36003525a"))).toList());
    List<Exemption> exemptions = IntStream.range(0, 20_000).mapToObj(i -> new Exemption(
        RG + "Microsoft.Network/networkSecurityGroups/nsg-" + i + "/providers/Microsoft.Authorization/policyExemptions/ex-" + i,
        "ex-" + i, "Vendor access until the PACS is replaced " + i, RG + "Microsoft.Network/networkSecurityGroups/nsg-" + i,
        "Waiver", "2026-12-31T00:00:00Z", "/subscriptions/00000000-0000-0000-0000-0000000000aa/providers/"
        + "Microsoft.Authorization/policyAssignments/a169a624-5599-4385-a696-c8d643089fab", List.of("ref-a", "ref-b")))
        .toList();
    Assessment live = new Assessment(scan.summary(), scan.controls().stream().map(c -> c.withPolicy(full)).toList(),
        scan.findings(), scan.waivers(), scan.attestations(), scan.baseline(), scan.rules(),
        new PolicyOverview("collected", null, FILTER, List.of(), exemptions.size(), exemptions, 10_000 * controls.size(),
            500 * controls.size(), 10_000 * controls.size()), null);

    Path out = dir.resolve("pdf");
    new PdfReportWriter(DocumentOptions.defaults()).write(live, out);
    try (PdfReader reader = new PdfReader(Files.readAllBytes(out.resolve("report.pdf")))) {
      int pages = reader.getNumberOfPages();
      assertTrue(pages < 300, controls.size() + " controls under Azure Policy: " + pages + " pages");
    }
  }
}
