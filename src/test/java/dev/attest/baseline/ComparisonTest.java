package dev.attest.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  private static FindingsSnapshot snapshot(String... idAndStatus) {
    Map<String, FindingsSnapshot.Entry> findings = new LinkedHashMap<>();
    for (int i = 0; i < idAndStatus.length; i += 2) {
      String id = idAndStatus[i];
      findings.put(id, new FindingsSnapshot.Entry(id, "AZ-X-0001", "/r/" + id, idAndStatus[i + 1], "high", "t"));
    }
    return new FindingsSnapshot("test", findings, Map.of(), Map.of(), new byte[0]);
  }

  private static List<String> ids(List<FindingsSnapshot.Entry> entries) {
    return entries.stream().map(FindingsSnapshot.Entry::id).sorted().toList();
  }

  @Test
  void aFailureThatCouldNotBeEvaluatedIsStillOpenNotResolved() {
    FindingsSnapshot before = snapshot("a", "FAIL", "b", "FAIL", "c", "FAIL", "d", "FAIL", "e", "PASS", "gone", "FAIL");
    FindingsSnapshot after = snapshot("a", "FAIL", "b", "ERROR", "c", "PASS", "d", "WAIVED", "e", "FAIL",
        "f", "NOT_APPLICABLE");
    Comparison comparison = Comparison.between(before, after);
    assertEquals(List.of("a", "b"), ids(comparison.stillOpen()), "b could not be evaluated: fail closed");
    assertEquals(List.of("c", "gone"), ids(comparison.resolved()));
    assertEquals(List.of("d"), ids(comparison.newlyWaived()));
    assertEquals(List.of("e"), ids(comparison.newFindings()));
  }
}
