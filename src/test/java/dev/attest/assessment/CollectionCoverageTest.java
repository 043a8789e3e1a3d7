package dev.attest.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectionCoverageTest {
  @Test
  void readsIterateInSortedOrderWhateverMapTheyCameIn() {
    // Map.of iterates in an order that differs between JVM runs; the findings file must not.
    CollectionCoverage coverage = new CollectionCoverage(List.of(), Map.of(
        "policy states", Map.of("failed", 1, "complete", 2, "denied", 3),
        "Resources", Map.of("partial", 1, "complete", 1),
        "log: sign-ins", Map.of("complete", 1),
        "Microsoft.Sql/servers/auditingSettings", Map.of("complete", 4, "denied", 1)));
    assertEquals(List.of("Microsoft.Sql/servers/auditingSettings", "Resources", "log: sign-ins", "policy states"),
        List.copyOf(coverage.reads().keySet()));
    assertEquals(List.of("complete", "denied", "failed"), List.copyOf(coverage.reads().get("policy states").keySet()));
  }
}
