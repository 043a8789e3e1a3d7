package dev.attest.assessment;

import dev.attest.attestations.Attestation;
import dev.attest.controls.Control;
import dev.attest.controls.ControlCatalog;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.rules.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rolls findings up to per-control status, failing closed: nothing evaluated or an evaluation
 * error is "not assessed", never "satisfied"; coverage caps what a control can reach (a
 * partially automated control that passes every check still needs an attestation; an inherited
 * one is Microsoft's to evidence).
 */
public final class ControlRollup {
  /** Failing finding ids listed per control; the counts always cover every finding. */
  private static final int MAX_LISTED = 50;

  private ControlRollup() {}

  public static List<ControlResult> rollup(ControlCatalog catalog, List<Rule> rules, List<Finding> findings) {
    return rollup(catalog, rules, findings, Map.of());
  }

  /**
   * Rolls up with the current attestations per control id: an attestation makes an attested,
   * partially automated or not-covered control "attested" when no unwaived failure or evaluation
   * error contradicts it; it never overrides a FAIL, and never upgrades an automated or inherited one.
   */
  public static List<ControlResult> rollup(ControlCatalog catalog, List<Rule> rules, List<Finding> findings,
      Map<String, List<Attestation>> attestations) {
    Map<String, TreeSet<String>> rulesByControl = new HashMap<>();
    for (Rule rule : rules) {
      rule.controls().forEach(c -> rulesByControl.computeIfAbsent(c, k -> new TreeSet<>()).add(rule.id()));
    }
    Map<String, Tally> tallies = new HashMap<>();
    for (Finding finding : findings) {
      finding.controls().forEach(c -> tallies.computeIfAbsent(c, k -> new Tally()).add(finding));
    }
    return rollup(catalog, rulesByControl, tallies, attestations);
  }

  /** Rolls up from per-control tallies taken as findings streamed past (see {@link FindingTally}). */
  static List<ControlResult> rollup(ControlCatalog catalog, List<Rule> rules, Map<String, Tally> tallies,
      Map<String, List<Attestation>> attestations) {
    Map<String, TreeSet<String>> rulesByControl = new HashMap<>();
    for (Rule rule : rules) {
      rule.controls().forEach(c -> rulesByControl.computeIfAbsent(c, k -> new TreeSet<>()).add(rule.id()));
    }
    return rollup(catalog, rulesByControl, tallies, attestations);
  }

  private static List<ControlResult> rollup(ControlCatalog catalog, Map<String, TreeSet<String>> rulesByControl,
      Map<String, Tally> tallies, Map<String, List<Attestation>> attestations) {
    List<ControlResult> results = new ArrayList<>();
    for (Control control : catalog.controls()) {
      Tally tally = tallies.getOrDefault(control.id(), new Tally());
      ControlResult.Counts counts = tally.counts();
      List<String> failing = tally.failing();
      List<String> ruleIds = List.copyOf(rulesByControl.getOrDefault(control.id(), new TreeSet<>()));
      List<Attestation> attested = attestations.getOrDefault(control.id(), List.of());
      String[] decided = decide(control, counts, ruleIds.isEmpty());
      if (!attested.isEmpty()) {
        decided = attest(control, counts, decided, attested);
      }
      results.add(new ControlResult(control.id(), control.framework(), control.reference(), control.title(),
          control.designation().isEmpty() ? null : control.designation(), control.coverage().label(),
          ControlStatus.valueOf(decided[0]), decided[1], counts, ruleIds, failing,
          attested.stream().map(Attestation::id).toList(), decision(attested), null));
    }
    return results;
  }

  /** Findings by status for one control, and its first failing finding ids in finding order. */
  static final class Tally {
    private final int[] byStatus = new int[Status.values().length];
    /** The first failing findings in file order, at most MAX_LISTED, whatever order they arrive in. */
    private final TreeSet<Finding> firstFailing = new TreeSet<>(Finding.FILE_ORDER);

    void add(Finding finding) {
      byStatus[finding.status().ordinal()]++;
      // Once the list is full, a finding after its last one (the usual case) costs one comparison.
      if (finding.status() == Status.FAIL
          && (firstFailing.size() < MAX_LISTED || Finding.FILE_ORDER.compare(finding, firstFailing.last()) < 0)) {
        firstFailing.add(finding);
        if (firstFailing.size() > MAX_LISTED) {
          firstFailing.pollLast();
        }
      }
    }

    List<String> failing() {
      return firstFailing.stream().map(Finding::id).toList();
    }

    ControlResult.Counts counts() {
      return new ControlResult.Counts(byStatus[Status.PASS.ordinal()], byStatus[Status.FAIL.ordinal()],
          byStatus[Status.ERROR.ordinal()], byStatus[Status.NOT_APPLICABLE.ordinal()], byStatus[Status.WAIVED.ordinal()]);
    }
  }

  public static ControlResult.Counts count(List<Finding> findings) {
    int pass = 0;
    int fail = 0;
    int error = 0;
    int na = 0;
    int waived = 0;
    for (Finding f : findings) {
      switch (f.status()) {
        case PASS -> pass++;
        case FAIL -> fail++;
        case ERROR -> error++;
        case NOT_APPLICABLE -> na++;
        case WAIVED -> waived++;
        default -> throw new IllegalStateException();
      }
    }
    return new ControlResult.Counts(pass, fail, error, na, waived);
  }

  private static String[] attest(Control control, ControlResult.Counts counts, String[] decided,
      List<Attestation> attested) {
    String ids = attested.stream().map(Attestation::id).collect(java.util.stream.Collectors.joining(", "));
    if (counts.fail() > 0 || counts.error() > 0) {
      return decided;
    }
    return switch (control.coverage()) {
      case ATTESTED, PARTIALLY_AUTOMATED, NOT_COVERED -> new String[] {"ATTESTED", "attested by " + ids
          + (counts.evaluated() > 0 ? "; automated checks passed" : "")};
      default -> new String[] {decided[0], decided[1] + "; attestation on record: " + ids};
    };
  }

  /** The Addressable-specification decision on record (the latest attestation that states one). */
  private static String decision(List<Attestation> attested) {
    return attested.stream().filter(a -> a.decision() != null)
        .max(java.util.Comparator.comparing(Attestation::date))
        .map(a -> a.decision().label()).orElse(null);
  }

  /** {status name, reason}. */
  private static String[] decide(Control control, ControlResult.Counts counts, boolean noRules) {
    if (counts.fail() > 0) {
      return new String[] {"NOT_SATISFIED", counts.fail() + " unwaived failing finding(s)"};
    }
    switch (control.coverage()) {
      case AUTOMATED:
        if (counts.error() > 0) {
          return new String[] {"NOT_ASSESSED", counts.error() + " check(s) could not be evaluated"};
        }
        if (counts.evaluated() == 0) {
          return new String[] {"NOT_ASSESSED", noRules ? "no rule tests this control"
              : "no resource in scope was evaluated"};
        }
        return new String[] {"SATISFIED", "every evaluated check passed or is waived"};
      case PARTIALLY_AUTOMATED:
        if (counts.error() > 0) {
          return new String[] {"NOT_ASSESSED", counts.error() + " check(s) could not be evaluated"};
        }
        return new String[] {"MANUAL", counts.evaluated() == 0 ? "no automated check evaluated; needs an attestation"
            : "automated checks passed; the rest of the control needs an attestation"};
      case ATTESTED:
        return new String[] {"MANUAL", "needs an attestation"};
      case INHERITED:
        return new String[] {"INHERITED", "provided by Microsoft under the shared-responsibility model"};
      case NOT_COVERED:
      default:
        return new String[] {"NOT_ASSESSED", "not covered by Attest"};
    }
  }
}
