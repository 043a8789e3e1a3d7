package dev.attest.assessment;

import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.rules.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the summary, the control roll-up, the gate and the console need from the findings,
 * kept as bounded aggregates while findings stream past in findings-file order, so a scan of a
 * million resources never holds its findings in memory. Not thread-safe: one writer adds.
 */
public final class FindingTally {
  /** The console's order for the worst failures (see ConsoleSummary). */
  private static final Comparator<Finding> WORST_FIRST = Comparator
      .comparing((Finding f) -> Severity.parse(f.severity()).orElse(Severity.INFO))
      .thenComparing(Finding::ruleId).thenComparing(Finding::resourceId);
  private static final int WORST = 8;

  private final Gate gate;
  private final int[] byStatus = new int[Status.values().length];
  private final Map<String, Integer> failuresBySeverity = new HashMap<>();
  private final Map<String, int[]> byArea = new TreeMap<>();
  private final Map<String, ControlRollup.Tally> byControl = new HashMap<>();
  private final TreeSet<Finding> worst = new TreeSet<>(WORST_FIRST);
  private long failingAtOrAboveThreshold;
  private long failingOnGatedControls;

  public FindingTally(Gate gate) {
    this.gate = gate;
  }

  public void add(Finding finding) {
    Status status = finding.status();
    byStatus[status.ordinal()]++;
    byArea.computeIfAbsent(finding.area(), k -> new int[Status.values().length])[status.ordinal()]++;
    for (String control : finding.controls()) {
      byControl.computeIfAbsent(control, k -> new ControlRollup.Tally()).add(finding);
    }
    if (status == Status.FAIL) {
      failuresBySeverity.merge(finding.severity(), 1, Integer::sum);
      if (gate.atOrAboveThreshold(finding)) {
        failingAtOrAboveThreshold++;
      }
      if (gate.onGatedControl(finding)) {
        failingOnGatedControls++;
      }
      if (worst.size() < WORST || WORST_FIRST.compare(finding, worst.last()) < 0) {
        worst.add(finding);
        if (worst.size() > WORST) {
          worst.pollLast();
        }
      }
    }
  }

  public int count(Status status) {
    return byStatus[status.ordinal()];
  }

  /** Findings per status, every status present, in the statuses' order. */
  Map<String, Integer> byStatus() {
    Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    for (Status status : Status.values()) {
      counts.put(status.name(), count(status));
    }
    return counts;
  }

  /** Failures per severity, every severity present, most severe first. */
  Map<String, Integer> failuresBySeverity() {
    Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    for (Severity severity : Severity.values()) {
      counts.put(severity.label(), failuresBySeverity.getOrDefault(severity.label(), 0));
    }
    return counts;
  }

  Map<String, ControlResult.Counts> byArea() {
    Map<String, ControlResult.Counts> counts = new java.util.LinkedHashMap<>();
    byArea.forEach((area, n) -> counts.put(area, new ControlResult.Counts(n[Status.PASS.ordinal()],
        n[Status.FAIL.ordinal()], n[Status.ERROR.ordinal()], n[Status.NOT_APPLICABLE.ordinal()],
        n[Status.WAIVED.ordinal()])));
    return counts;
  }

  Map<String, ControlRollup.Tally> byControl() {
    return byControl;
  }

  Gate gate() {
    return gate;
  }

  long failingAtOrAboveThreshold() {
    return failingAtOrAboveThreshold;
  }

  long failingOnGatedControls() {
    return failingOnGatedControls;
  }

  /** The worst failures in the console's order (at most 8). */
  public List<Finding> worst() {
    return new ArrayList<>(worst);
  }
}
