package dev.attest.report.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.AssessmentInputs;
import dev.attest.assessment.Assessor;
import dev.attest.assessment.FindingTally;
import dev.attest.assessment.Gate;
import dev.attest.bundle.RedactingSource;
import dev.attest.bundle.Redactor;
import dev.attest.engine.Engine;
import dev.attest.engine.Finding;
import dev.attest.engine.ReadPlan;
import dev.attest.generate.GenerateRequest;
import dev.attest.generate.OutputFormat;
import dev.attest.generate.TenantGenerator;
import dev.attest.inventory.DemoTenantSource;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.inventory.InventorySource;
import dev.attest.inventory.SnapshotSource;
import dev.attest.report.text.ConsoleSummary;
import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
import dev.attest.rules.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed scan (an inventory keeping only what the rules read, findings written batch by
 * batch as they are produced, summary and controls from tallies) writes the same findings.json,
 * byte for byte, and the same console summary as the in-memory path (whole objects, every
 * finding held).
 */
class StreamingFindingsIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void theDemoTenantStreamsToTheSameBytes() throws IOException {
    assertSameBytes(new DemoTenantSource(MAPPER), new Gate(Severity.HIGH, Set.of()));
  }

  @Test
  void aGeneratedTenantStreamsToTheSameBytesWithAGatedControl() throws IOException {
    Path tenant = dir.resolve("tenant");
    new TenantGenerator(MAPPER).generate(new GenerateRequest(5_000, 4, 42, tenant, OutputFormat.RESOURCE_GRAPH));
    assertSameBytes(new SnapshotSource(List.of(tenant), MAPPER), new Gate(Severity.MEDIUM, Set.of("hipaa:164.312(b)")));
  }

  @Test
  void aTenantMissingItsSubscriptionObjectsStreamsItsErrorsToTheSameBytes() throws IOException {
    Path tenant = dir.resolve("tenant");
    new TenantGenerator(MAPPER).generate(new GenerateRequest(3_000, 3, 7, tenant, OutputFormat.JSONL));
    Path file = tenant.resolve("tenant-00001.jsonl");
    List<String> lines = Files.readAllLines(file);
    // The first lines are the subscription objects: without them subscription rules are ERRORs.
    Files.write(file, lines.subList(3, lines.size()));
    Assessment streamed = assertSameBytes(new SnapshotSource(List.of(tenant), MAPPER), new Gate(null, Set.of()));
    assertTrue(streamed.summary().completeness().errors() > 0, streamed.summary().completeness().toString());
    assertEquals(Gate.INCOMPLETE, streamed.summary().gate().exitCode());
  }

  private Assessment assertSameBytes(InventorySource source, Gate gate) throws IOException {
    RulePack pack = RulePackLoader.load(RulePackLoader.bundledRoot());
    Redactor redactor = new Redactor();
    Engine engine = new Engine(Map.of());
    JsonReportWriter json = new JsonReportWriter();

    // In memory: every object kept whole, every finding held, then written.
    Inventory whole = new InventoryBuilder().read(new RedactingSource(source, redactor)).build();
    List<Finding> findings = engine.evaluate(pack.rules(), whole);
    Assessment inMemory = new Assessor("test").assess(pack, whole, findings, gate, AssessmentInputs.none());
    byte[] expected = Files.readAllBytes(json.write(inMemory, dir.resolve("in-memory")));

    // Streamed, as `attest scan --format json` runs: only what the rules read is kept, findings
    // are written batch by batch as each type's rules run, and only tallies stay.
    Inventory lean = new InventoryBuilder(Redactor.keepingPairs(ReadPlan.builder(pack.rules())).build(), redactor::redactOwned).read(source).build();
    assertEquals(whole.size(), lean.size());
    FindingTally tally = new FindingTally(gate);
    Assessment streamed;
    Path written;
    try (FindingsStream stream = json.stream(dir.resolve("streamed"))) {
      engine.evaluate(pack.rules(), lean, (rule, batch) -> {
        batch.forEach(tally::add);
        try {
          stream.addAll(rule.id(), batch);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      streamed = new Assessor("test").assessTallied(pack, lean, tally);
      written = stream.finish(streamed);
    }
    assertTrue(findings.size() > 200, "a scan with something to compare: " + findings.size());
    assertArrayEquals(expected, Files.readAllBytes(written));
    try (var left = Files.list(dir.resolve("streamed"))) {
      assertEquals(List.of(written), left.toList(), "no side files are left behind");
    }
    assertEquals(console(inMemory), console(streamed));
    return streamed;
  }

  private static String console(Assessment assessment) {
    StringWriter text = new StringWriter();
    new ConsoleSummary(false).print(assessment, List.of(), new PrintWriter(text));
    return text.toString();
  }
}
