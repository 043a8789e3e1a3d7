package dev.attest.report;

import dev.attest.assessment.Assessment;
import dev.attest.assessment.Gate;
import dev.attest.engine.Status;
import dev.attest.rules.Severity;
import dev.attest.waivers.WaiverResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the gate weighed, each part in the terms of the option that set it, so that every format
 * states the verdict the same way: the severity threshold (or that it is off), only new failures
 * with {@code --fail-on-new} (and how many there are in all), gated controls, expired waivers
 * with {@code --expired-waivers fail} (named), and an incomplete scan.
 */
public final class GateReasons {
  private GateReasons() {}

  /** The parts as plain text. */
  public static List<String> of(Assessment assessment) {
    return of(assessment, UnaryOperator.identity(), UnaryOperator.identity());
  }

  /**
   * The parts, with option names and settings passed through {@code code} (Markdown renders them
   * as code spans) and values from registers and the catalog through {@code text} (escaping).
   */
  public static List<String> of(Assessment assessment, UnaryOperator<String> code, UnaryOperator<String> text) {
    Gate.Verdict gate = assessment.summary().gate();
    boolean newOnly = Boolean.TRUE.equals(gate.newFindingsOnly());
    List<String> reasons = new ArrayList<>();
    Severity threshold = Severity.parse(gate.failOn()).orElse(null);
    if (threshold == null) {
      reasons.add("severity gate off (" + code.apply("--fail-on none") + ")");
    } else {
      StringBuilder part = new StringBuilder().append(gate.failingAtOrAboveThreshold())
          .append(newOnly ? " new unwaived failing finding(s)" : " unwaived failing finding(s)")
          .append(" at or above ").append(code.apply(gate.failOn()));
      if (newOnly) {
        long all = assessment.findings().stream().filter(f -> f.status() == Status.FAIL)
            .filter(f -> Severity.parse(f.severity()).map(v -> v.atLeast(threshold)).orElse(true)).count();
        part.append(" (").append(code.apply("--fail-on-new")).append(": only failures new since the baseline count; ")
            .append(all).append(" at or above ").append(code.apply(gate.failOn())).append(" in all, ")
            .append(all - gate.failingAtOrAboveThreshold()).append(" already in the baseline)");
      }
      reasons.add(part.toString());
    }
    if (!gate.failOnControls().isEmpty()) {
      reasons.add(gate.failingOnGatedControls() + (newOnly ? " new" : "") + " on gated control(s) "
          + text.apply(String.join(", ", gate.failOnControls())));
    }
    if (gate.expiredWaivers() != null) {
      List<String> expired = assessment.waivers().stream().filter(w -> w.state() == WaiverResult.State.EXPIRED)
          .map(w -> text.apply(w.waiver().id())
              + (w.waiver().expires() == null ? "" : " (expired after " + w.waiver().expires() + ")"))
          .toList();
      reasons.add(gate.expiredWaivers() + " expired waiver(s) in the register (" + code.apply("--expired-waivers fail")
          + ")" + (expired.isEmpty() ? "" : ": " + String.join(", ", expired)));
    }
    if (!gate.complete()) {
      reasons.add("the scan is incomplete");
    }
    return reasons;
  }
}
