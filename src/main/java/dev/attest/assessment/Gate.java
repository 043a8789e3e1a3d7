package dev.attest.assessment;

import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.rules.Severity;
import java.util.List;
import java.util.Set;

/**
 * The CI gate and the exit-code contract. Precedence when several apply: 2 (usage) and 4 (auth)
 * are decided before a scan runs; then 1 (gate failed) wins over 3 (incomplete), because an
 * incomplete scan that already fails cannot pass by collecting more; 0 only for a complete scan
 * with no unwaived finding at or above the threshold.
 */
public record Gate(Severity failOn, Set<String> failOnControls, boolean failOnExpiredWaivers, boolean failOnNewOnly) {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int INCOMPLETE = 3;
  public static final int AUTH = 4;
  /** {@code attest verify}: the bundle is not intact (tampered, unsigned, untrusted key, corrupt zip). */
  public static final int NOT_INTACT = 5;

  public Gate {
    failOnControls = Set.copyOf(failOnControls);
  }

  /** A gate on severity and controls, without waiver or baseline conditions. */
  public Gate(Severity failOn, Set<String> failOnControls) {
    this(failOn, failOnControls, false, false);
  }

  /** The verdict for a set of findings and the completeness of the scan. */
  public Verdict judge(List<Finding> findings, boolean complete) {
    return judge(findings, complete, 0, null);
  }

  /**
   * The verdict, also weighing expired waivers (when {@code failOnExpiredWaivers}) and, with a
   * baseline and {@code failOnNewOnly}, counting only the failures whose ids are in {@code newIds}.
   */
  public Verdict judge(List<Finding> findings, boolean complete, long expiredWaivers, Set<String> newIds) {
    java.util.function.Predicate<Finding> gated = f -> f.status() == Status.FAIL
        && (!failOnNewOnly || newIds == null || newIds.contains(f.id()));
    long bySeverity = findings.stream().filter(gated).filter(this::atOrAboveThreshold).count();
    long byControl = findings.stream().filter(gated).filter(this::onGatedControl).count();
    long errors = findings.stream().filter(f -> f.status() == Status.ERROR).count();
    return verdict(bySeverity, byControl, errors, complete, expiredWaivers, newIds);
  }

  /**
   * The verdict from counts already taken (a streamed scan without waivers or a baseline):
   * failures at or above the threshold, failures on gated controls, evaluation errors.
   */
  public Verdict judgeCounts(long bySeverity, long byControl, long errors, boolean complete) {
    return verdict(bySeverity, byControl, errors, complete, 0, null);
  }

  /** Whether a failing finding counts against the severity threshold (an unreadable severity does). */
  public boolean atOrAboveThreshold(Finding finding) {
    return failOn != null && Severity.parse(finding.severity()).map(s -> s.atLeast(failOn)).orElse(true);
  }

  /** Whether a failing finding maps to a gated control. */
  public boolean onGatedControl(Finding finding) {
    return finding.controls().stream().anyMatch(failOnControls::contains);
  }

  private Verdict verdict(long bySeverity, long byControl, long errors, boolean complete, long expiredWaivers,
      Set<String> newIds) {
    boolean incomplete = !complete || errors > 0;
    long expiredGated = failOnExpiredWaivers ? expiredWaivers : 0;
    int exit = bySeverity > 0 || byControl > 0 || expiredGated > 0 ? FAILED : incomplete ? INCOMPLETE : OK;
    String verdict = exit == FAILED ? "fail" : exit == INCOMPLETE ? "incomplete" : "pass";
    return new Verdict(failOn == null ? "none" : failOn.label(), List.copyOf(new java.util.TreeSet<>(failOnControls)),
        (int) bySeverity, (int) byControl, (int) errors, !incomplete, verdict, exit,
        failOnExpiredWaivers ? (int) expiredWaivers : null, failOnNewOnly && newIds != null ? Boolean.TRUE : null);
  }

  /** What the gate decided and why. */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record Verdict(String failOn, List<String> failOnControls, int failingAtOrAboveThreshold,
      int failingOnGatedControls, int errors, boolean complete, String verdict, int exitCode,
      Integer expiredWaivers, Boolean newFindingsOnly) {}
}
