package dev.attest.assessment;

import dev.attest.attestations.Attestation;
import dev.attest.attestations.AttestationResult;
import dev.attest.baseline.Comparison;
import dev.attest.baseline.FindingsSnapshot;
import dev.attest.inventory.ArmObject;
import dev.attest.waivers.WaiverApplication;
import java.util.ArrayList;
import java.util.HashMap;

import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.SourceProblem;
import dev.attest.rules.RulePack;
import dev.attest.rules.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Builds the assessment from a rule pack, the inventory it read and the engine's findings. */
public final class Assessor {
  private final String toolVersion;

  public Assessor(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  public Assessment assess(RulePack pack, Inventory inventory, List<Finding> findings, Gate gate) {
    return assess(pack, inventory, findings, gate, AssessmentInputs.none());
  }

  /** Applies waivers, rolls up controls with attestations, compares with the baseline, and judges. */
  public Assessment assess(RulePack pack, Inventory inventory, List<Finding> evaluated, Gate gate,
      AssessmentInputs inputs) {
    WaiverApplication.Result waived = WaiverApplication.apply(inputs.waivers(), evaluated,
        inputs.asOf() == null ? java.time.LocalDate.MIN : inputs.asOf(), id -> tagsOf(inventory, id));
    List<Finding> findings = waived.findings();
    List<AttestationResult> attestations = inputs.attestations().stream()
        .map(a -> new AttestationResult(a, Attestation.state(a, inputs.asOf(), WaiverApplication.NOTICE_DAYS)))
        .toList();
    Map<String, List<Attestation>> current = new HashMap<>();
    for (AttestationResult result : attestations) {
      if (!result.state().equals("expired") && !result.state().equals("future")) {
        result.attestation().controls().forEach(c -> current.computeIfAbsent(c, k -> new ArrayList<>())
            .add(result.attestation()));
      }
    }
    List<ControlResult> controls = ControlRollup.rollup(pack.catalog(), pack.rules(), findings, current);
    List<String> problems = inventory.problems().stream().map(SourceProblem::describe).toList();
    long errors = findings.stream().filter(f -> f.status() == Status.ERROR).count();
    boolean complete = problems.isEmpty() && errors == 0;
    Summary summary = new Summary(
        new Summary.Tool("attest", toolVersion),
        new Summary.RulePackInfo(pack.name(), pack.version(), pack.hash(), pack.rules().size()),
        new Summary.Scope(inventory.sources(), inventory.subscriptionIds(), inventory.size()),
        byStatus(findings),
        failuresBySeverity(findings),
        byArea(findings),
        controlsByStatus(controls),
        controlsByCoverage(controls),
        new Summary.Completeness(complete, (int) errors, problems),
        null, inputs.dated() ? inputs.asOf().toString() : null,
        inputs.waivers().isEmpty() ? null : countStates(waived.waivers().stream().map(w -> w.state().label()).toList()),
        attestations.isEmpty() ? null : countStates(attestations.stream().map(AttestationResult::state).toList()),
        null);
    Assessment partial = new Assessment(summary, controls, findings, waived.waivers(), attestations, null);
    Comparison comparison = inputs.baseline() == null ? null
        : Comparison.between(inputs.baseline(), FindingsSnapshot.of("this scan", partial));
    Gate.Verdict verdict = gate.judge(findings, problems.isEmpty(), waived.expired(),
        comparison == null ? null : comparison.newFindingIds());
    Summary judged = new Summary(summary.tool(), summary.rulePack(), summary.scope(), summary.findingsByStatus(),
        summary.failuresBySeverity(), summary.findingsByArea(), summary.controlsByStatus(), summary.controlsByCoverage(),
        summary.completeness(), verdict, summary.asOf(), summary.waiversByState(), summary.attestationsByState(),
        comparison == null ? null : comparison.counts());
    return new Assessment(judged, controls, findings, waived.waivers(), attestations, comparison);
  }

  /**
   * The summary and control results of a streamed scan (no waivers, attestations or baseline) from
   * the tally its findings left behind. The result holds only the worst failures, for the console;
   * the findings themselves went to the findings file as they were produced.
   */
  public Assessment assessTallied(RulePack pack, Inventory inventory, FindingTally tally) {
    List<ControlResult> controls = ControlRollup.rollup(pack.catalog(), pack.rules(), tally.byControl(), Map.of());
    List<String> problems = inventory.problems().stream().map(SourceProblem::describe).toList();
    int errors = tally.count(Status.ERROR);
    boolean complete = problems.isEmpty() && errors == 0;
    Map<String, Integer> byStatus = new LinkedHashMap<>();
    for (Status status : Status.values()) {
      byStatus.put(status.name(), tally.count(status));
    }
    Map<String, Integer> failures = new LinkedHashMap<>();
    for (Severity severity : Severity.values()) {
      failures.put(severity.label(), tally.failures(severity));
    }
    Gate.Verdict verdict = tally.gate().judgeCounts(tally.failingAtOrAboveThreshold(), tally.failingOnGatedControls(),
        errors, problems.isEmpty());
    Summary summary = new Summary(
        new Summary.Tool("attest", toolVersion),
        new Summary.RulePackInfo(pack.name(), pack.version(), pack.hash(), pack.rules().size()),
        new Summary.Scope(inventory.sources(), inventory.subscriptionIds(), inventory.size()),
        byStatus, failures, tally.byArea(), controlsByStatus(controls), controlsByCoverage(controls),
        new Summary.Completeness(complete, errors, problems), verdict, null, null, null, null);
    return new Assessment(summary, controls, tally.worst());
  }

  private static Map<String, Integer> countStates(List<String> states) {
    Map<String, Integer> counts = new TreeMap<>();
    states.forEach(s -> counts.merge(s, 1, Integer::sum));
    return counts;
  }

  private static Map<String, String> tagsOf(Inventory inventory, String resourceId) {
    ArmObject object = inventory.get(resourceId);
    Map<String, String> tags = new HashMap<>();
    if (object != null) {
      object.body().path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    }
    return tags;
  }

  private static Map<String, Integer> byStatus(List<Finding> findings) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Status status : Status.values()) {
      counts.put(status.name(), (int) findings.stream().filter(f -> f.status() == status).count());
    }
    return counts;
  }

  private static Map<String, Integer> failuresBySeverity(List<Finding> findings) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Severity severity : Severity.values()) {
      counts.put(severity.label(), (int) findings.stream()
          .filter(f -> f.status() == Status.FAIL && f.severity().equals(severity.label())).count());
    }
    return counts;
  }

  private static Map<String, ControlResult.Counts> byArea(List<Finding> findings) {
    Map<String, List<Finding>> grouped = findings.stream()
        .collect(Collectors.groupingBy(Finding::area, TreeMap::new, Collectors.toList()));
    Map<String, ControlResult.Counts> counts = new LinkedHashMap<>();
    grouped.forEach((area, list) -> counts.put(area, ControlRollup.count(list)));
    return counts;
  }

  private static Map<String, Integer> controlsByStatus(List<ControlResult> controls) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (ControlStatus status : ControlStatus.values()) {
      counts.put(status.label(), (int) controls.stream().filter(c -> c.status() == status).count());
    }
    return counts;
  }

  private static Map<String, Integer> controlsByCoverage(List<ControlResult> controls) {
    Map<String, Integer> counts = new TreeMap<>();
    controls.forEach(c -> counts.merge(c.coverage().toLowerCase(Locale.ROOT), 1, Integer::sum));
    return counts;
  }
}
