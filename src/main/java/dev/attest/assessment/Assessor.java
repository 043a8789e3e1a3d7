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
import dev.attest.evidence.EvidenceResult;
import dev.attest.policy.PolicyComparison;
import dev.attest.policy.PolicyOverview;
import dev.attest.engine.Status;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.SourceProblem;
import dev.attest.rules.Rule;
import dev.attest.rules.RulePack;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
    return assess(pack, inventory, evaluated, gate, inputs, null);
  }

  /**
   * As above, for a live scan: its coverage goes into the summary, its non-inventory read problems
   * count against completeness, and Azure Policy's states are set beside the findings per control.
   */
  public Assessment assess(RulePack pack, Inventory inventory, List<Finding> evaluated, Gate gate,
      AssessmentInputs inputs, LiveInputs live) {
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
    List<ControlResult> rolled = ControlRollup.rollup(pack.catalog(), pack.rules(), findings, current);
    PolicyComparison.Result policy = live == null || live.policy() == null ? null
        : PolicyComparison.compare(live.policy(), pack.catalog(), findings);
    List<ControlResult> controls = policy == null ? rolled
        : rolled.stream().map(c -> c.withPolicy(policy.byControl().get(c.id()))).toList();
    List<String> problems = new ArrayList<>(inventory.problems().stream().map(SourceProblem::describe).toList());
    if (live != null) {
      problems.addAll(live.problems());
    }
    FindingTally tally = new FindingTally(gate);
    findings.forEach(tally::add);
    Summary summary = summarise(pack, inventory, live == null ? null : live.coverage(), tally, controls, problems,
        null, inputs.dated() ? inputs.asOf().toString() : null,
        inputs.waivers().isEmpty() ? null : countStates(waived.waivers().stream().map(w -> w.state().label()).toList()),
        attestations.isEmpty() ? null : countStates(attestations.stream().map(AttestationResult::state).toList()),
        null);
    List<RuleMetadata> rules = ruleMetadata(pack);
    PolicyOverview overview = policy == null ? null : policy.overview();
    List<EvidenceResult> evidence = live == null ? null : live.evidence();
    Assessment partial = new Assessment(summary, controls, findings, waived.waivers(), attestations, null, rules,
        overview, evidence);
    Comparison comparison = inputs.baseline() == null ? null
        : Comparison.between(inputs.baseline(), FindingsSnapshot.of("this scan", partial));
    Gate.Verdict verdict = gate.judge(findings, problems.isEmpty(), waived.expired(),
        comparison == null ? null : comparison.newFindingIds());
    Summary judged = new Summary(summary.tool(), summary.rulePack(), summary.scope(), summary.coverage(),
        summary.findingsByStatus(),
        summary.failuresBySeverity(), summary.findingsByArea(), summary.controlsByStatus(), summary.controlsByCoverage(),
        summary.completeness(), verdict, summary.asOf(), summary.waiversByState(), summary.attestationsByState(),
        comparison == null ? null : comparison.counts());
    return new Assessment(judged, controls, findings, waived.waivers(), attestations, comparison, rules, overview,
        evidence);
  }

  /**
   * The summary and control results of a streamed scan (no waivers, attestations or baseline) from
   * the tally its findings left behind. The result holds only the worst failures, for the console;
   * the findings themselves went to the findings file as they were produced.
   */
  public Assessment assessTallied(RulePack pack, Inventory inventory, FindingTally tally) {
    List<ControlResult> controls = ControlRollup.rollup(pack.catalog(), pack.rules(), tally.byControl(), Map.of());
    List<String> problems = inventory.problems().stream().map(SourceProblem::describe).toList();
    Gate.Verdict verdict = tally.gate().judgeCounts(tally.failingAtOrAboveThreshold(), tally.failingOnGatedControls(),
        tally.count(Status.ERROR), problems.isEmpty());
    Summary summary = summarise(pack, inventory, null, tally, controls, problems, verdict, null, null, null, null);
    return new Assessment(summary, controls, tally.worst(), List.of(), List.of(), null, ruleMetadata(pack));
  }

  /** The summary both paths write: counts from the tally, completeness from problems and errors. */
  private Summary summarise(RulePack pack, Inventory inventory, CollectionCoverage coverage, FindingTally tally,
      List<ControlResult> controls, List<String> problems, Gate.Verdict verdict, String asOf,
      Map<String, Integer> waiversByState, Map<String, Integer> attestationsByState, Comparison.Counts baseline) {
    int errors = tally.count(Status.ERROR);
    return new Summary(
        new Summary.Tool("attest", toolVersion),
        new Summary.RulePackInfo(pack.name(), pack.version(), pack.hash(), pack.rules().size()),
        new Summary.Scope(inventory.sources(), inventory.subscriptionIds(), inventory.size()),
        coverage, tally.byStatus(), tally.failuresBySeverity(), tally.byArea(),
        controlsByStatus(controls), controlsByCoverage(controls),
        new Summary.Completeness(problems.isEmpty() && errors == 0, errors, problems),
        verdict, asOf, waiversByState, attestationsByState, baseline);
  }

  private static List<RuleMetadata> ruleMetadata(RulePack pack) {
    return pack.rules().stream().sorted(Comparator.comparing(Rule::id)).map(RuleMetadata::of).toList();
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
