package dev.attest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.attest.assessment.Assessment;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards the sample the report tests share: if the engine changes, they must still see every outcome. */
class SampleScanTest {
  @TempDir
  Path dir;

  @Test
  void theSampleProducesEveryOutcomeTheReportTestsRelyOn() throws Exception {
    Assessment assessment = SampleScan.assess(dir);
    Map<Status, Long> byStatus = assessment.findings().stream()
        .collect(Collectors.groupingBy(Finding::status, TreeMap::new, Collectors.counting()));
    assertEquals(Map.of(Status.PASS, 5L, Status.FAIL, 4L, Status.ERROR, 1L, Status.NOT_APPLICABLE, 1L), byStatus);
    assertEquals(Status.FAIL, SampleScan.finding(assessment, "AZ-TST-0001", SampleScan.HOSTILE).status());
    assertEquals(Status.FAIL, SampleScan.finding(assessment, "AZ-TST-0001", SampleScan.FORMULA).status());
    assertEquals(Status.NOT_APPLICABLE, SampleScan.finding(assessment, "AZ-TST-0002", SampleScan.UNICODE).status());
    assertEquals(3, assessment.rules().size());
  }
}
