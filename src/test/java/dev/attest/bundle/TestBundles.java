package dev.attest.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.TestPacks;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.Assessor;
import dev.attest.assessment.Gate;
import dev.attest.engine.Engine;
import dev.attest.inventory.InMemorySource;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.report.ReportFormats;
import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
import dev.attest.rules.Severity;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Real bundles for tests: a one-rule pack, two storage accounts (one with secrets), the real pipeline. */
final class TestBundles {
  static final Instant NOW = Instant.parse("2025-03-31T23:59:58Z");
  static final String SUB = "00000000-0000-0000-0000-0000000000aa";
  static final String RG = "/subscriptions/" + SUB + "/resourceGroups/rg";

  private TestBundles() {}

  static Path pack(Path dir) throws Exception {
    return TestPacks.write(dir, Map.of(
        "t/AZ-TST-0001.yaml", TestPacks.rule("AZ-TST-0001", "Microsoft.Storage/storageAccounts",
            "field: properties.minimumTlsVersion\nequals: TLS1_2\n", null),
        "t/AZ-TST-0001.fixtures.yaml", """
            - name: tls12
              expect: pass
              resource: {id: /subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a, type: Microsoft.Storage/storageAccounts, properties: {minimumTlsVersion: TLS1_2}}
            - name: tls10
              expect: fail
              resource: {id: /subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a, type: Microsoft.Storage/storageAccounts, properties: {minimumTlsVersion: TLS1_0}}
            """));
  }

  static List<JsonNode> objects() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    return List.of(
        mapper.readTree("{\"id\":\"" + RG + "/providers/Microsoft.Storage/storageAccounts/good\","
            + "\"type\":\"Microsoft.Storage/storageAccounts\",\"name\":\"good\",\"properties\":{\"minimumTlsVersion\":\"TLS1_2\"}}"),
        mapper.readTree("{\"id\":\"" + RG + "/providers/Microsoft.Storage/storageAccounts/old\","
            + "\"type\":\"Microsoft.Storage/storageAccounts\",\"name\":\"old\",\"properties\":{\"minimumTlsVersion\":\"TLS1_0\","
            + "\"exportUri\":\"https://old.blob.core.windows.net/c?sv=2022-11-02&sig=SYNTHETICSIGVALUE\"}}"));
  }

  /** Writes a bundle of the test tenant under {@code out}, signed when a key is given. */
  static BundleWriter.Written write(Path packDir, Path out, KeyPair key) throws Exception {
    RulePack pack = RulePackLoader.load(packDir);
    Redactor redactor = new Redactor();
    Inventory inventory = new InventoryBuilder()
        .read(new RedactingSource(new InMemorySource("test tenant", objects()), redactor)).build();
    Gate gate = new Gate(Severity.HIGH, Set.of());
    Assessment assessment = new Assessor("test").assess(pack, inventory,
        new Engine(Map.of()).evaluate(pack.rules(), inventory), gate);
    ReportFormats formats = new ReportFormats();
    BundleRequest request = new BundleRequest(assessment,
        formats.names().stream().map(n -> formats.find(n).orElseThrow()).toList(), pack,
        new BundleRequest.Snapshot(inventory.objects(), new BundleSnapshot.Provenance(
            assessment.summary().scope().sources(), assessment.summary().completeness().problems(), inventory.size())),
        new BundleRequest.ScanConfig("high", List.of(), Map.of()), List.of(), SUB, "2025-Q1",
        List.of("attest", "scan"), key);
    return new BundleWriter(Clock.fixed(NOW, ZoneOffset.UTC), redactor, new ObjectMapper()).write(request, out);
  }
}
