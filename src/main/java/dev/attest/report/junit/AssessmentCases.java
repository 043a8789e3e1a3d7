package dev.attest.report.junit;

import dev.attest.assessment.Assessment;
import dev.attest.assessment.CollectionCoverage;
import dev.attest.assessment.ControlResult;
import dev.attest.assessment.Gate;
import dev.attest.assessment.Summary;
import dev.attest.attestations.AttestationResult;
import dev.attest.evidence.EvidenceResult;
import dev.attest.policy.ControlPolicy;
import dev.attest.report.GateReasons;
import dev.attest.waivers.WaiverResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The test cases of junit.xml that are not one per finding: the scan itself (completeness and the
 * gate), a live scan's coverage, Azure Policy's disagreements, the log evidence, and the waiver
 * and attestation registers. Each is a {@link Case}; its suite groups it in the file.
 */
final class AssessmentCases {
  static final String SCAN = "attest.scan";
  static final String COVERAGE = "attest.coverage";
  static final String POLICY = "attest.policy";
  static final String EVIDENCE = "attest.evidence";
  static final String WAIVERS = "attest.waivers";
  static final String ATTESTATIONS = "attest.attestations";
  /** Problems listed in the completeness case's body; the message always has the counts. */
  static final int LISTED = 100;

  /**
   * One test case: {@code outcome} is {@code pass}, {@code failure}, {@code error} or
   * {@code skipped}; {@code type} and {@code body} are for failures and errors, and the body of a
   * passing case is its system-out.
   */
  record Case(String suite, String classname, String name, String outcome, String type, String message, String body) {}

  private AssessmentCases() {}

  /** The cases to write before the rule suites (the scan) and after them (everything else), in suite order. */
  static List<Case> of(Assessment assessment) {
    List<Case> cases = new ArrayList<>();
    cases.add(completeness(assessment.summary()));
    if (assessment.summary().gate() != null) {
      cases.add(gate(assessment));
    }
    cases.addAll(coverage(assessment.summary().coverage()));
    cases.addAll(policy(assessment));
    cases.addAll(evidence(assessment.evidence()));
    cases.addAll(registers(assessment));
    return cases;
  }

  /** An error when anything could not be read or evaluated, listing what; the gate cannot vouch for it. */
  static Case completeness(Summary summary) {
    Summary.Completeness c = summary.completeness();
    if (c.complete()) {
      return new Case(SCAN, SCAN, "completeness", "pass", null, null,
          "complete: every input was read and every check evaluated");
    }
    String message = "incomplete: " + c.problems().size() + " input problem(s), " + c.errors()
        + " check(s) that could not be evaluated (ERROR findings); the gate cannot vouch for what was not read";
    StringBuilder body = new StringBuilder(message).append('\n');
    c.problems().stream().limit(LISTED).forEach(p -> body.append("problem: ").append(p).append('\n'));
    if (c.problems().size() > LISTED) {
      body.append("and ").append(c.problems().size() - LISTED).append(" more problem(s) in findings.json\n");
    }
    if (summary.coverage() != null) {
      summary.coverage().scopes().stream().filter(s -> !"complete".equals(s.status()))
          .forEach(s -> body.append("coverage: ").append(s.id()).append(' ').append(s.status())
              .append(s.reason() == null ? "" : ": " + s.reason()).append('\n'));
    }
    return new Case(SCAN, SCAN, "completeness", "error", "incomplete", message, body.toString());
  }

  /** The gate's verdict: a failure when it failed, with why; skipped when the scan is incomplete and it did not fail. */
  static Case gate(Assessment assessment) {
    Gate.Verdict gate = assessment.summary().gate();
    String message = "gate " + gate.verdict() + " (exit " + gate.exitCode() + "): "
        + String.join("; ", GateReasons.of(assessment));
    return switch (gate.verdict()) {
      case "fail" -> new Case(SCAN, SCAN, "gate", "failure", "gate", message, message + "\n");
      case "pass" -> new Case(SCAN, SCAN, "gate", "pass", null, null, message);
      default -> new Case(SCAN, SCAN, "gate", "skipped", null, message + " (see completeness)", null);
    };
  }

  /** One error per subscription that was not completely read and per kind of read with reads that did not complete. */
  static List<Case> coverage(CollectionCoverage coverage) {
    List<Case> cases = new ArrayList<>();
    if (coverage == null) {
      return cases;
    }
    for (CollectionCoverage.Scope scope : coverage.scopes()) {
      if (!"complete".equals(scope.status())) {
        String message = scope.id() + " was read " + scope.status() + (scope.reason() == null ? "" : ": " + scope.reason());
        cases.add(new Case(COVERAGE, "scope", scope.id(), "error", scope.status(), message, message + "\n"));
      }
    }
    new TreeMap<>(coverage.reads()).forEach((read, counts) -> {
      Map<String, Integer> sorted = new TreeMap<>(counts);
      if (sorted.keySet().stream().anyMatch(status -> !status.equals("complete"))) {
        List<String> parts = new ArrayList<>();
        sorted.forEach((status, count) -> parts.add(count + " " + status));
        String message = read + ": " + String.join(", ", parts);
        cases.add(new Case(COVERAGE, "read", read, "error", "incomplete-read", message, message + "\n"));
      }
    });
    return cases;
  }

  /** Each resource Azure Policy judged otherwise, skipped with both verdicts: a second opinion to look at, not a test result. */
  static List<Case> policy(Assessment assessment) {
    List<Case> cases = new ArrayList<>();
    if (assessment.policy() == null) {
      return cases;
    }
    for (ControlResult c : assessment.controls()) {
      if (c.policy() == null) {
        continue;
      }
      for (ControlPolicy.Disagreement d : c.policy().disagreements()) {
        cases.add(new Case(POLICY, c.id(), d.resourceId(), "skipped", null, "Azure Policy disagrees: Attest "
            + d.attestStatus() + ", Azure Policy " + d.policyState() + " (" + String.join(", ", d.policyDefinitions())
            + ")", null));
      }
    }
    return cases;
  }

  /** Each log evidence query per workspace: met passes, not met fails, not collected is an error (never a pass). */
  static List<Case> evidence(List<EvidenceResult> evidence) {
    List<Case> cases = new ArrayList<>();
    if (evidence == null) {
      return cases;
    }
    for (EvidenceResult e : evidence) {
      String message = e.title() + " in " + e.workspace() + " for " + e.period() + ": " + e.status()
          + (e.reason() == null ? "" : " (" + e.reason() + ")") + "; expected " + e.expectation()
          + (e.rows() == null ? "" : "; " + e.rows() + (Boolean.TRUE.equals(e.truncated()) ? "+" : "") + " row(s)");
      String outcome = switch (e.status()) {
        case EvidenceResult.MET -> "pass";
        case EvidenceResult.NOT_MET -> "failure";
        default -> "error";
      };
      cases.add(new Case(EVIDENCE, e.id(), e.workspace(), outcome, e.status().replace(' ', '-'),
          outcome.equals("pass") ? null : message, outcome.equals("pass") ? message : message + "\n"));
    }
    return cases;
  }

  /**
   * One case per register entry: an expired waiver is skipped, or a failure when the gate fails
   * on expired waivers; an unused one is skipped; an attestation not current is skipped.
   */
  static List<Case> registers(Assessment assessment) {
    boolean gatedOnExpiry = assessment.summary().gate() != null && assessment.summary().gate().expiredWaivers() != null;
    List<Case> cases = new ArrayList<>();
    for (WaiverResult w : assessment.waivers()) {
      String expires = w.waiver().expires() == null ? "" : " (expires " + w.waiver().expires() + ")";
      String message = "waiver " + w.state().label() + expires + ", " + w.waivedFindings() + " finding(s) waived"
          + (w.state() == WaiverResult.State.EXPIRED ? ", " + w.uncoveredFindings() + " failure(s) it no longer covers" : "");
      String outcome = switch (w.state()) {
        case EXPIRED -> gatedOnExpiry ? "failure" : "skipped";
        case UNUSED -> "skipped";
        case ACTIVE, EXPIRING_SOON -> "pass";
      };
      cases.add(new Case(WAIVERS, "waiver", w.waiver().id(), outcome, "expired-waiver",
          outcome.equals("pass") ? null : message, outcome.equals("pass") ? message : null));
    }
    for (AttestationResult a : assessment.attestations()) {
      boolean current = !a.state().equals("expired") && !a.state().equals("future");
      String decision = a.attestation().decision() == null ? "" : ", decision: " + a.attestation().decision().label();
      String message = "attestation " + a.state() + " for " + String.join(", ", a.attestation().controls()) + decision;
      cases.add(new Case(ATTESTATIONS, "attestation", a.attestation().id(), current ? "pass" : "skipped", null,
          current ? null : message, current ? message : null));
    }
    return cases;
  }
}
