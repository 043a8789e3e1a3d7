package dev.attest.report.document;

import dev.attest.assessment.Assessment;
import dev.attest.assessment.CollectionCoverage;
import dev.attest.assessment.ControlResult;
import dev.attest.evidence.EvidenceResult;
import dev.attest.policy.ControlPolicy;
import dev.attest.policy.PolicyOverview;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What only a live scan has, as views for the templates: the collection's coverage (per
 * subscription and per kind of read), Azure Policy's second opinion (per control whether it agrees
 * with Attest, and per resource where it differs) and the log evidence (per query and workspace,
 * its status and a bounded number of its rows). Each part is null when the scan did not collect it.
 */
public final class LiveSections {
  /** The built-in "HITRUST/HIPAA" initiative, named rather than shown as a GUID. */
  private static final String HITRUST_HIPAA = "a169a624-5599-4385-a696-c8d643089fab";

  private final boolean pdf;

  LiveSections(boolean pdf) {
    this.pdf = pdf;
  }

  // ---- views --------------------------------------------------------------------------------

  /** The coverage of a live collection: scopes worst first (bounded in the PDF) and reads by kind. */
  public record CollectionView(boolean complete, int scopesTotal, List<ScopeRow> scopes, int scopesNotShown,
      List<ReadRow> reads) {
    public CollectionView {
      scopes = List.copyOf(scopes);
      reads = List.copyOf(reads);
    }
  }

  /** One subscription or management group: complete, partial, denied or failed, and why. */
  public record ScopeRow(String id, String status, String reason) {}

  /** One kind of read (a Resource Graph table, a related ARM type, policy states, log queries) by status. */
  public record ReadRow(String read, int complete, int partial, int denied, int failed) {}

  /** Azure Policy's opinion beside Attest's: overall, per initiative, per control and per resource. */
  public record PolicyView(String status, String reason, int exemptions, int agree, int disagree,
      List<InitiativeRow> initiatives, List<PolicyControlRow> controls, List<DisagreementRow> disagreements,
      int disagreementsNotShown) {
    public PolicyView {
      initiatives = List.copyOf(initiatives);
      controls = List.copyOf(controls);
      disagreements = List.copyOf(disagreements);
    }
  }

  /** Resources per compliance state under one assigned initiative (or direct assignments). */
  public record InitiativeRow(String name, String id, int compliant, int nonCompliant, int exempt, int other) {}

  /** One control Policy had an opinion on: its counts and whether it agrees with Attest on every shared resource. */
  public record PolicyControlRow(String id, String anchor, String reference, String title, String attestStatus,
      int compliant, int nonCompliant, int exempt, int agree, int differ) {}

  /** One resource judged differently by Attest and Azure Policy under a control. */
  public record DisagreementRow(String control, String controlAnchor, String resourceId, String resourceName,
      String attestStatus, String policyState, List<String> definitions) {
    public DisagreementRow {
      definitions = List.copyOf(definitions);
    }
  }

  /** Policy's opinion within a control section; the resources that differ, bounded. */
  public record ControlPolicyView(int compliant, int nonCompliant, int exempt, int agree, int differ,
      List<DisagreementRow> disagreements, int notShown) {
    public ControlPolicyView {
      disagreements = List.copyOf(disagreements);
    }
  }

  /** The log evidence section: every query's result per workspace, with totals by status. */
  public record EvidenceSection(int met, int notMet, int notCollected, List<EvidenceView> results) {
    public EvidenceSection {
      results = List.copyOf(results);
    }
  }

  /**
   * One evidence query in one workspace: what it evidences, the expectation, the status (met, not
   * met, not collected: never a pass) and why, the rows counted and the kept rows (bounded).
   */
  public record EvidenceView(String id, String anchor, String title, List<String> controls, String workspace,
      String workspaceName, String period, String expectation, String status, String statusKey, String reason,
      Long rows, boolean more, List<String> columns, List<List<String>> sample, int sampleNotShown) {
    public EvidenceView {
      controls = List.copyOf(controls);
      columns = List.copyOf(columns);
      sample = sample.stream().map(List::copyOf).toList();
    }
  }

  /** A log evidence result named from a control section. */
  public record EvidenceRef(String id, String anchor, String workspaceName, String status, String statusKey) {}

  // ---- builders -----------------------------------------------------------------------------

  /** Most scopes the PDF lists one by one (not complete first); the rest are counted. */
  static final int PDF_SCOPES = 20;
  /** Resources that differ listed in the PDF's policy section, and under each control. */
  static final int PDF_DISAGREEMENTS = 100;
  static final int PDF_DISAGREEMENTS_PER_CONTROL = 5;
  static final int HTML_DISAGREEMENTS_PER_CONTROL = 25;
  /** Kept rows of one evidence result shown in the PDF (the HTML shows every kept row). */
  static final int PDF_EVIDENCE_ROWS = 10;

  CollectionView collection(CollectionCoverage coverage) {
    if (coverage == null) {
      return null;
    }
    List<ScopeRow> scopes = coverage.scopes().stream()
        .map(s -> new ScopeRow(s.id(), s.status(), s.reason()))
        .sorted(Comparator.comparingInt((ScopeRow s) -> s.status().equals("complete") ? 1 : 0)).toList();
    boolean complete = scopes.stream().allMatch(s -> s.status().equals("complete"));
    List<ScopeRow> shown = pdf ? scopes.stream().limit(PDF_SCOPES).toList() : scopes;
    List<ReadRow> reads = new ArrayList<>();
    new TreeMap<>(coverage.reads()).forEach((read, counts) -> reads.add(new ReadRow(read,
        n(counts, "complete"), n(counts, "partial"), n(counts, "denied"), n(counts, "failed"))));
    complete &= reads.stream().allMatch(r -> r.partial() + r.denied() + r.failed() == 0);
    return new CollectionView(complete, scopes.size(), shown, scopes.size() - shown.size(), reads);
  }

  PolicyView policy(Assessment assessment) {
    PolicyOverview overview = assessment.policy();
    if (overview == null) {
      return null;
    }
    List<InitiativeRow> initiatives = overview.initiatives().stream()
        .map(i -> new InitiativeRow(initiativeName(i.policySetDefinitionId()), i.policySetDefinitionId(), i.compliant(),
            i.nonCompliant(), i.exempt(), i.other())).toList();
    List<PolicyControlRow> controls = new ArrayList<>();
    List<DisagreementRow> all = new ArrayList<>();
    for (ControlResult c : assessment.controls()) {
      ControlPolicy p = c.policy();
      if (p == null) {
        continue;
      }
      controls.add(new PolicyControlRow(c.id(), Anchors.control(c.id()), c.reference(), c.title(),
          ReportViewBuilder.statusLabel(c.status()), p.compliant(), p.nonCompliant(), p.exempt(), p.agree(),
          p.disagreements().size()));
      all.addAll(disagreements(c, p));
    }
    List<DisagreementRow> shown = pdf ? all.stream().limit(PDF_DISAGREEMENTS).toList() : all;
    return new PolicyView(overview.status(), overview.reason(), overview.exemptions(), overview.agree(),
        overview.disagree(), initiatives, controls, shown, all.size() - shown.size());
  }

  ControlPolicyView controlPolicy(ControlResult result) {
    ControlPolicy p = result.policy();
    if (p == null) {
      return null;
    }
    List<DisagreementRow> rows = disagreements(result, p);
    int limit = pdf ? PDF_DISAGREEMENTS_PER_CONTROL : HTML_DISAGREEMENTS_PER_CONTROL;
    List<DisagreementRow> shown = rows.stream().limit(limit).toList();
    return new ControlPolicyView(p.compliant(), p.nonCompliant(), p.exempt(), p.agree(), rows.size(), shown,
        rows.size() - shown.size());
  }

  private static List<DisagreementRow> disagreements(ControlResult c, ControlPolicy p) {
    return p.disagreements().stream().map(d -> new DisagreementRow(c.id(), Anchors.control(c.id()), d.resourceId(),
        lastSegment(d.resourceId()), d.attestStatus(), d.policyState(), d.policyDefinitions())).toList();
  }

  EvidenceSection evidence(List<EvidenceResult> results) {
    if (results == null) {
      return null;
    }
    List<EvidenceView> views = new ArrayList<>();
    int met = 0;
    int notMet = 0;
    int notCollected = 0;
    for (EvidenceResult r : results) {
      switch (r.status()) {
        case EvidenceResult.MET -> met++;
        case EvidenceResult.NOT_MET -> notMet++;
        default -> notCollected++;
      }
      List<List<String>> sample = r.sample() == null ? List.of() : r.sample();
      List<List<String>> shown = pdf ? sample.stream().limit(PDF_EVIDENCE_ROWS).toList() : sample;
      views.add(new EvidenceView(r.id(), anchor(r), r.title(), r.controls(), r.workspace(), lastSegment(r.workspace()),
          r.period(), r.expectation(), r.status(), key(r.status()), r.reason(), r.rows(),
          Boolean.TRUE.equals(r.truncated()), r.columns() == null ? List.of() : r.columns(), shown,
          sample.size() - shown.size()));
    }
    return new EvidenceSection(met, notMet, notCollected, views);
  }

  /** The evidence results that name this control, for its section. */
  static List<EvidenceRef> evidenceFor(String controlId, List<EvidenceResult> results) {
    if (results == null) {
      return List.of();
    }
    return results.stream().filter(r -> r.controls().contains(controlId))
        .map(r -> new EvidenceRef(r.id(), anchor(r), lastSegment(r.workspace()), r.status(), key(r.status()))).toList();
  }

  private static String anchor(EvidenceResult r) {
    return Anchors.evidence(r.id() + "-" + lastSegment(r.workspace()));
  }

  /** CSS-friendly status key: met, not-met, not-collected. */
  private static String key(String status) {
    return status == null ? "not-collected" : status.replace(' ', '-');
  }

  private static String initiativeName(String id) {
    if (id == null || id.equals("none")) {
      return "direct assignments (no initiative)";
    }
    String last = lastSegment(id);
    return last.equalsIgnoreCase(HITRUST_HIPAA) ? "HITRUST/HIPAA (built-in)" : last;
  }

  private static String lastSegment(String id) {
    if (id == null) {
      return "";
    }
    String trimmed = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  private static int n(Map<String, Integer> counts, String status) {
    return counts.getOrDefault(status, 0);
  }
}
