package dev.attest.assessment;

import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.SourceProblem;
import dev.attest.rules.Rule;
import dev.attest.rules.RulePack;
import dev.attest.rules.Severity;
import java.util.Comparator;
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
    List<ControlResult> controls = ControlRollup.rollup(pack.catalog(), pack.rules(), findings);
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
        gate.judge(findings, problems.isEmpty()));
    List<RuleMetadata> rules = pack.rules().stream()
        .sorted(Comparator.comparing(Rule::id)).map(RuleMetadata::of).toList();
    return new Assessment(summary, controls, findings, rules);
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
