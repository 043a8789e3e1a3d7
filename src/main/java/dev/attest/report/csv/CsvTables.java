package dev.attest.report.csv;

import dev.attest.assessment.Assessment;
import dev.attest.assessment.CollectionCoverage;
import dev.attest.assessment.ControlResult;
import dev.attest.attestations.Attestation;
import dev.attest.attestations.AttestationResult;
import dev.attest.baseline.Comparison;
import dev.attest.baseline.FindingsSnapshot;
import dev.attest.engine.Finding;
import dev.attest.evidence.EvidenceResult;
import dev.attest.policy.ControlPolicy;
import dev.attest.waivers.Waiver;
import dev.attest.waivers.WaiverResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CSV companions of findings.csv: what an assessment holds that is not one row per finding.
 * {@code controls.csv}, {@code waivers.csv} and {@code attestations.csv} are always written (an
 * empty register is a header only: nothing on record); {@code baseline.csv}, {@code coverage.csv},
 * {@code policy.csv} and {@code evidence.csv} only when the assessment has a baseline comparison,
 * a live collection's coverage, Azure Policy's opinion or log evidence (rows null otherwise).
 */
final class CsvTables {
  static final String CONTROLS = "controls.csv";
  static final String WAIVERS = "waivers.csv";
  static final String ATTESTATIONS = "attestations.csv";
  static final String BASELINE = "baseline.csv";
  static final String COVERAGE = "coverage.csv";
  static final String POLICY = "policy.csv";
  static final String EVIDENCE = "evidence.csv";

  /** One companion file: its name, header and rows; null rows means "not in this assessment". */
  record Table(String fileName, List<String> header, List<List<String>> rows) {}

  private CsvTables() {}

  static List<Table> of(Assessment assessment) {
    return List.of(controls(assessment), waivers(assessment), attestations(assessment), baseline(assessment),
        coverage(assessment), policy(assessment), evidence(assessment));
  }

  /** Every catalog control: what it requires, how it is covered, its status and the counts and decision behind it. */
  static Table controls(Assessment assessment) {
    List<String> header = List.of("id", "framework", "reference", "title", "designation", "coverage", "status",
        "reason", "pass", "fail", "error", "notApplicable", "waived", "rules", "failingFindings", "attestations",
        "decision", "policyCompliant", "policyNonCompliant", "policyExempt", "policyAgree", "policyDisagree");
    List<List<String>> rows = new ArrayList<>();
    for (ControlResult c : assessment.controls()) {
      ControlResult.Counts n = c.counts();
      ControlPolicy p = c.policy();
      rows.add(cells(c.id(), c.framework(), c.reference(), c.title(), c.designation(), c.coverage(),
          c.status() == null ? null : c.status().label(), c.reason(),
          n == null ? null : n.pass(), n == null ? null : n.fail(), n == null ? null : n.error(),
          n == null ? null : n.notApplicable(), n == null ? null : n.waived(),
          String.join("; ", c.rules()), String.join("; ", c.failingFindings()), String.join("; ", c.attestations()),
          c.decision(), p == null ? null : p.compliant(), p == null ? null : p.nonCompliant(),
          p == null ? null : p.exempt(), p == null ? null : p.agree(), p == null ? null : p.disagreements().size()));
    }
    return new Table(CONTROLS, header, rows);
  }

  /** The waiver register as judged: state, expiry, findings waived and failures an expired waiver no longer covers. */
  static Table waivers(Assessment assessment) {
    List<String> header = List.of("id", "state", "category", "expires", "waivedFindings", "uncoveredFindings",
        "rules", "resources", "tags", "justification", "compensatingControl", "approver", "ticket", "asOf");
    List<List<String>> rows = new ArrayList<>();
    for (WaiverResult w : assessment.waivers()) {
      Waiver waiver = w.waiver();
      List<String> tags = new ArrayList<>();
      waiver.tags().forEach((k, v) -> tags.add(k + "=" + v));
      rows.add(cells(waiver.id(), w.state().label(), waiver.category() == null ? null : waiver.category().label(),
          waiver.expires(), w.waivedFindings(), w.uncoveredFindings(), String.join("; ", waiver.rules()),
          String.join("; ", waiver.resources()), String.join("; ", tags), waiver.justification(),
          waiver.compensatingControl(), waiver.approver(), waiver.ticket(), assessment.summary().asOf()));
    }
    return new Table(WAIVERS, header, rows);
  }

  /** The attestation register as judged, with the Addressable decision and every evidence item (files with their SHA-256). */
  static Table attestations(Assessment assessment) {
    List<String> header = List.of("id", "state", "controls", "statement", "owner", "date", "expires", "decision",
        "alternative", "rationale", "evidence", "asOf");
    List<List<String>> rows = new ArrayList<>();
    for (AttestationResult a : assessment.attestations()) {
      Attestation at = a.attestation();
      List<String> evidence = new ArrayList<>();
      for (Attestation.EvidenceItem item : at.evidence()) {
        String what = item.file() != null ? item.file() + (item.sha256() == null ? "" : " (sha256 " + item.sha256() + ")")
            : item.link();
        evidence.add(item.title() == null ? what : item.title() + ": " + what);
      }
      rows.add(cells(at.id(), a.state(), String.join("; ", at.controls()), at.statement(), at.owner(), at.date(),
          at.expires(), at.decision() == null ? null : at.decision().label(), at.alternative(), at.rationale(),
          String.join(" | ", evidence), assessment.summary().asOf()));
    }
    return new Table(ATTESTATIONS, header, rows);
  }

  /**
   * The comparison with the baseline, one row per finding in a class: new, resolved (including
   * failures whose resource or rule is gone, which findings.csv cannot hold), still open, newly waived.
   */
  static Table baseline(Assessment assessment) {
    List<String> header = List.of("class", "id", "ruleId", "severity", "title", "resourceId", "statusNow", "baseline");
    Comparison comparison = assessment.baseline();
    if (comparison == null) {
      return new Table(BASELINE, header, null);
    }
    Map<String, String> now = new HashMap<>();
    for (Finding f : assessment.findings()) {
      now.put(f.id(), f.status().name());
    }
    List<List<String>> rows = new ArrayList<>();
    Map<String, List<FindingsSnapshot.Entry>> classes = new java.util.LinkedHashMap<>();
    classes.put("new", comparison.newFindings());
    classes.put("resolved", comparison.resolved());
    classes.put("still open", comparison.stillOpen());
    classes.put("newly waived", comparison.newlyWaived());
    classes.forEach((label, entries) -> entries.forEach(e -> rows.add(cells(label, e.id(), e.ruleId(), e.severity(),
        e.title(), e.resourceId(), now.getOrDefault(e.id(), "absent"), comparison.describeBaseline()))));
    return new Table(BASELINE, header, rows);
  }

  /**
   * A live collection's coverage: one {@code scope} row per subscription or management group
   * (status and why), then one {@code read} row per kind of read and status with its count.
   */
  static Table coverage(Assessment assessment) {
    List<String> header = List.of("kind", "id", "status", "reason", "count");
    CollectionCoverage coverage = assessment.summary().coverage();
    if (coverage == null) {
      return new Table(COVERAGE, header, null);
    }
    List<List<String>> rows = new ArrayList<>();
    for (CollectionCoverage.Scope scope : coverage.scopes()) {
      rows.add(cells("scope", scope.id(), scope.status(), scope.reason(), null));
    }
    new TreeMap<>(coverage.reads()).forEach((read, counts) -> new TreeMap<>(counts).forEach((status, count) ->
        rows.add(cells("read", read, status, null, count))));
    return new Table(COVERAGE, header, rows);
  }

  /** Every resource Azure Policy judged differently from Attest, by control (its totals are in controls.csv). */
  static Table policy(Assessment assessment) {
    List<String> header = List.of("control", "resourceId", "attestStatus", "policyState", "policyDefinitions",
        "policyStatus");
    if (assessment.policy() == null) {
      return new Table(POLICY, header, null);
    }
    List<List<String>> rows = new ArrayList<>();
    for (ControlResult c : assessment.controls()) {
      if (c.policy() != null) {
        for (ControlPolicy.Disagreement d : c.policy().disagreements()) {
          rows.add(cells(c.id(), d.resourceId(), d.attestStatus(), d.policyState(),
              String.join("; ", d.policyDefinitions()), assessment.policy().status()));
        }
      }
    }
    return new Table(POLICY, header, rows);
  }

  /** Log evidence per query and workspace; "not collected" is never met. */
  static Table evidence(Assessment assessment) {
    List<String> header = List.of("id", "title", "controls", "workspace", "period", "expectation", "status", "reason",
        "rows", "truncated");
    if (assessment.evidence() == null) {
      return new Table(EVIDENCE, header, null);
    }
    List<List<String>> rows = new ArrayList<>();
    for (EvidenceResult e : assessment.evidence()) {
      rows.add(cells(e.id(), e.title(), String.join("; ", e.controls()), e.workspace(), e.period(), e.expectation(),
          e.status(), e.reason(), e.rows(), e.truncated()));
    }
    return new Table(EVIDENCE, header, rows);
  }

  private static List<String> cells(Object... values) {
    List<String> cells = new ArrayList<>(values.length);
    for (Object value : values) {
      cells.add(value == null ? null : value.toString());
    }
    return cells;
  }
}
