package dev.attest.report.text;

import dev.attest.waivers.WaiverResult;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.Gate;
import dev.attest.assessment.Summary;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.rules.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The short terminal summary of a scan: counts, the worst findings, the verdict, where output went. */
public final class ConsoleSummary {
  private static final int WORST = 8;
  private final boolean quiet;

  public ConsoleSummary(boolean quiet) {
    this.quiet = quiet;
  }

  public void print(Assessment assessment, List<Path> written, PrintWriter out) {
    Summary s = assessment.summary();
    if (!quiet) {
      out.printf("Attest %s: %d objects in %d subscription(s) from %s%n", s.tool().version(), s.scope().objects(),
          s.scope().subscriptions().size(), String.join("; ", s.scope().sources()));
      out.printf("Rule pack %s %s: %d rules (sha256 %s)%n", s.rulePack().name(), s.rulePack().version(),
          s.rulePack().rules(), s.rulePack().sha256().substring(0, 12));
      if (s.coverage() != null) {
        Map<String, Integer> byStatus = new java.util.TreeMap<>();
        s.coverage().scopes().forEach(scope -> byStatus.merge(scope.status(), 1, Integer::sum));
        out.println("Coverage:   " + join(byStatus) + " scope(s)");
        s.coverage().scopes().stream().filter(scope -> !scope.status().equals("complete")).forEach(scope ->
            out.printf("  %-9s %s%s%n", scope.status(), scope.id(), scope.reason() == null ? "" : ": " + scope.reason()));
      }
      out.println("Findings:   " + join(s.findingsByStatus()));
      out.println("Failing:    " + join(s.failuresBySeverity()));
      out.println("Controls:   " + join(s.controlsByStatus()));
      List<Finding> worst = assessment.findings().stream().filter(f -> f.status() == Status.FAIL)
          .sorted(Comparator.comparing((Finding f) -> Severity.parse(f.severity()).orElse(Severity.INFO))
              .thenComparing(Finding::ruleId).thenComparing(Finding::resourceId))
          .limit(WORST).toList();
      if (!worst.isEmpty()) {
        out.println("Worst findings:");
        for (Finding f : worst) {
          out.printf("  %-8s %-12s %s%n", f.severity().toUpperCase(), f.ruleId(), f.message());
        }
      }
      if (s.waiversByState() != null) {
        out.println("Waivers:    " + join(s.waiversByState()) + (s.asOf() == null ? "" : " (as of " + s.asOf() + ")"));
        assessment.waivers().stream().filter(w -> w.state() != WaiverResult.State.ACTIVE).forEach(w ->
            out.printf("  %-13s %s (expires %s)%s%n", w.state().label(), w.waiver().id(), w.waiver().expires(),
                w.uncoveredFindings() > 0 ? ": no longer covers " + w.uncoveredFindings() + " failing finding(s)" : ""));
      }
      if (assessment.policy() != null) {
        var p = assessment.policy();
        out.printf("Azure Policy: %s; %d agree, %d disagree with Attest, %d exemption(s)%s%n", p.status(), p.agree(),
            p.disagree(), p.exemptions(), p.reason() == null ? "" : " (" + p.reason() + ")");
      }
      if (assessment.evidence() != null) {
        Map<String, Integer> byStatus = new java.util.TreeMap<>();
        assessment.evidence().forEach(e -> byStatus.merge(e.status(), 1, Integer::sum));
        out.println("Evidence:   " + (byStatus.isEmpty() ? "no Log Analytics workspace in scope" : join(byStatus)));
      }
      if (s.attestationsByState() != null) {
        out.println("Attestations: " + join(s.attestationsByState()));
      }
      if (assessment.baseline() != null) {
        var c = assessment.baseline().counts();
        out.printf("Since baseline: %d new, %d resolved, %d still open, %d newly waived, %d control(s) changed status%n",
            c.newFindings(), c.resolved(), c.stillOpen(), c.newlyWaived(), c.controlChanges());
      }
      if (!s.completeness().complete()) {
        out.printf("Incomplete: %d input problem(s), %d evaluation error(s); the gate cannot vouch for what was not read%n",
            s.completeness().problems().size(), s.completeness().errors());
      }
      for (Path file : written) {
        out.println("Wrote " + file);
      }
    }
    Gate.Verdict gate = s.gate();
    out.printf("Gate: %s (exit %d): %d unwaived%s failing finding(s) at or above %s%s%s%n",
        gate.verdict().toUpperCase(), gate.exitCode(), gate.failingAtOrAboveThreshold(),
        Boolean.TRUE.equals(gate.newFindingsOnly()) ? " new" : "", gate.failOn(),
        gate.failOnControls().isEmpty() ? ""
            : ", " + gate.failingOnGatedControls() + " on gated control(s) " + String.join(", ", gate.failOnControls()),
        gate.expiredWaivers() == null || gate.expiredWaivers() == 0 ? ""
            : ", " + gate.expiredWaivers() + " expired waiver(s)");
  }

  private static String join(Map<String, Integer> counts) {
    return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }
}
