package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: the embedded demo tenant scanned with the shipped rules. */
class DemoScanIT {
  @TempDir
  Path dir;

  @Test
  void theDemoTenantScansCleanlyAndFailsTheGateOnItsHighFindings() throws Exception {
    Cli cli = Cli.run("scan", "--demo", "--out", dir.toString(), "--format", "json");
    assertEquals(1, cli.exit(), cli.toString());
    assertEquals("", cli.err(), "the demo tenant reads without a single problem");
    JsonNode doc = new ObjectMapper().readTree(dir.resolve("findings.json").toFile());
    JsonNode summary = doc.get("summary");
    assertTrue(summary.get("scope").get("objects").asInt() >= 150, summary.get("scope").toString());
    assertTrue(summary.get("completeness").get("complete").asBoolean(), summary.get("completeness").toString());
    assertEquals(0, summary.get("findingsByStatus").get("ERROR").asInt());
    assertTrue(summary.get("findingsByStatus").get("PASS").asInt() > summary.get("findingsByStatus").get("FAIL").asInt(),
        "a realistic mix: more passes than failures " + summary.get("findingsByStatus"));
    assertTrue(summary.get("failuresBySeverity").get("high").asInt() > 0);
    Set<String> failingAreas = new TreeSet<>();
    Set<String> evaluatedRules = new TreeSet<>();
    for (JsonNode finding : doc.get("findings")) {
      if (finding.get("status").asText().equals("FAIL")) {
        failingAreas.add(finding.get("area").asText());
      }
      evaluatedRules.add(finding.get("ruleId").asText());
    }
    assertTrue(failingAreas.containsAll(Set.of("network", "tls", "encryption", "private-access", "logging", "identity")),
        failingAreas.toString());
    assertTrue(evaluatedRules.size() >= 50, "most rules find something to evaluate in the demo: " + evaluatedRules.size());
    assertTrue(cli.out().contains("Worst findings:"), cli.out());
    assertTrue(cli.out().contains("Wrote " + dir.resolve("findings.json")), cli.out());

    byte[] first = Files.readAllBytes(dir.resolve("findings.json"));
    Cli again = Cli.run("scan", "--demo", "--out", dir.toString(), "--format", "json");
    assertEquals(1, again.exit());
    assertArrayEquals(first, Files.readAllBytes(dir.resolve("findings.json")));
  }
}
