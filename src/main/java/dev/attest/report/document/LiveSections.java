package dev.attest.report.document;

import dev.attest.assessment.CollectionCoverage;
import dev.attest.evidence.EvidenceResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What only a live scan has, as views for the templates: the collection's coverage (per
 * subscription and per kind of read) and the log evidence (per query and workspace, its status and
 * a bounded number of its rows); Azure Policy's second opinion is {@link PolicySections}. Each part
 * is null when the scan did not collect it.
 */
public final class LiveSections {
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

  static String lastSegment(String id) {
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
