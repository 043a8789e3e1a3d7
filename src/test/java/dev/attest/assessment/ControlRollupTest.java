package dev.attest.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.attest.controls.Control;
import dev.attest.controls.ControlCatalog;
import dev.attest.controls.Coverage;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ControlRollupTest {
  private static Control control(String id, Coverage coverage) {
    return new Control(id, "hipaa", id.substring(6), id, "technical", "Standard", null, List.of(), coverage, "", "");
  }

  private static Finding finding(String control, Status status) {
    return new Finding("f-" + control + status, "AZ-TST-0001", "t", "/subscriptions/s/x", "x", "T", "s", status,
        "high", "tls", List.of(control), "m", List.of());
  }

  private static Map<String, ControlResult> rollup(List<Finding> findings) {
    ControlCatalog catalog = new ControlCatalog(List.of(
        control("hipaa:auto-pass", Coverage.AUTOMATED),
        control("hipaa:auto-fail", Coverage.AUTOMATED),
        control("hipaa:auto-error", Coverage.AUTOMATED),
        control("hipaa:auto-none", Coverage.AUTOMATED),
        control("hipaa:auto-na", Coverage.AUTOMATED),
        control("hipaa:partial-pass", Coverage.PARTIALLY_AUTOMATED),
        control("hipaa:attested", Coverage.ATTESTED),
        control("hipaa:164.310(a)(1)", Coverage.INHERITED),
        control("hipaa:uncovered", Coverage.NOT_COVERED)));
    return ControlRollup.rollup(catalog, List.of(), findings).stream()
        .collect(Collectors.toMap(ControlResult::id, Function.identity()));
  }

  @Test
  void statusesFailClosedAndRespectCoverage() {
    Map<String, ControlResult> results = rollup(List.of(
        finding("hipaa:auto-pass", Status.PASS),
        finding("hipaa:auto-pass", Status.WAIVED),
        finding("hipaa:auto-fail", Status.PASS),
        finding("hipaa:auto-fail", Status.FAIL),
        finding("hipaa:auto-error", Status.PASS),
        finding("hipaa:auto-error", Status.ERROR),
        finding("hipaa:auto-na", Status.NOT_APPLICABLE),
        finding("hipaa:partial-pass", Status.PASS),
        finding("hipaa:164.310(a)(1)", Status.PASS)));
    assertEquals(ControlStatus.SATISFIED, results.get("hipaa:auto-pass").status());
    assertEquals(ControlStatus.NOT_SATISFIED, results.get("hipaa:auto-fail").status());
    assertEquals(ControlStatus.NOT_ASSESSED, results.get("hipaa:auto-error").status());
    assertEquals(ControlStatus.NOT_ASSESSED, results.get("hipaa:auto-none").status());
    assertEquals(ControlStatus.NOT_ASSESSED, results.get("hipaa:auto-na").status());
    assertEquals(ControlStatus.MANUAL, results.get("hipaa:partial-pass").status());
    assertEquals(ControlStatus.MANUAL, results.get("hipaa:attested").status());
    assertEquals(ControlStatus.INHERITED, results.get("hipaa:164.310(a)(1)").status(),
        "a passing check never makes a physical safeguard satisfied");
    assertEquals(ControlStatus.NOT_ASSESSED, results.get("hipaa:uncovered").status());
    assertEquals(new ControlResult.Counts(1, 1, 0, 0, 0), results.get("hipaa:auto-fail").counts());
  }

  @Test
  void gatePrecedenceFailBeatsIncomplete() {
    Gate gate = new Gate(dev.attest.rules.Severity.HIGH, java.util.Set.of("hipaa:auto-pass"));
    Finding highFail = finding("hipaa:other", Status.FAIL);
    Finding lowFailOnGatedControl = new Finding("x", "AZ-TST-0002", "t", "/subscriptions/s/y", "y", "T", "s",
        Status.FAIL, "low", "tls", List.of("hipaa:auto-pass"), "m", List.of());
    Finding error = finding("hipaa:other", Status.ERROR);
    assertEquals(Gate.FAILED, gate.judge(List.of(highFail, error), true).exitCode());
    assertEquals(Gate.FAILED, gate.judge(List.of(lowFailOnGatedControl), true).exitCode());
    assertEquals(Gate.INCOMPLETE, gate.judge(List.of(error), true).exitCode());
    assertEquals(Gate.INCOMPLETE, gate.judge(List.of(), false).exitCode());
    assertEquals(Gate.OK, gate.judge(List.of(finding("hipaa:other", Status.PASS)), true).exitCode());
    Finding mediumFail = new Finding("m", "AZ-TST-0003", "t", "/subscriptions/s/z", "z", "T", "s",
        Status.FAIL, "medium", "tls", List.of("hipaa:other"), "m", List.of());
    assertEquals(Gate.OK, gate.judge(List.of(mediumFail), true).exitCode());
    assertEquals(Gate.FAILED, new Gate(dev.attest.rules.Severity.MEDIUM, java.util.Set.of())
        .judge(List.of(mediumFail), true).exitCode());
    assertEquals(Gate.OK, new Gate(null, java.util.Set.of()).judge(List.of(highFail), true).exitCode());
  }
}
