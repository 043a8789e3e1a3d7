package dev.attest.report.document;

import dev.attest.assessment.Assessment;
import dev.attest.attestations.Attestation;
import dev.attest.attestations.AttestationResult;
import dev.attest.baseline.Comparison;
import dev.attest.baseline.FindingsSnapshot;
import dev.attest.report.document.ReportView.AttestationView;
import dev.attest.report.document.ReportView.BaselineView;
import dev.attest.report.document.ReportView.ChangeEntry;
import dev.attest.report.document.ReportView.EvidenceLink;
import dev.attest.report.document.ReportView.WaiverView;
import dev.attest.waivers.Waiver;
import dev.attest.waivers.WaiverApplication;
import dev.attest.waivers.WaiverResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The waiver and attestation registers and the baseline comparison, as plain strings for the templates. */
final class RegisterViews {
  private RegisterViews() {}

  static List<WaiverView> waivers(Assessment assessment) {
    LocalDate asOf = assessment.summary().asOf() == null ? null : LocalDate.parse(assessment.summary().asOf());
    List<WaiverView> views = new ArrayList<>();
    for (WaiverResult result : assessment.waivers()) {
      Waiver w = result.waiver();
      List<String> scope = new ArrayList<>();
      w.rules().forEach(r -> scope.add("rule " + r));
      w.resources().forEach(r -> scope.add("resource " + r));
      for (Map.Entry<String, String> tag : w.tags().entrySet()) {
        scope.add("tag " + tag.getKey() + "=" + tag.getValue());
      }
      List<String> states = new ArrayList<>(List.of(result.state().label()));
      // The register gives a waiver one state; an unused one that also runs out soon needs both said.
      if (result.state() == WaiverResult.State.UNUSED && asOf != null && w.expires() != null
          && !w.expires().isAfter(asOf.plusDays(WaiverApplication.NOTICE_DAYS))) {
        states.add(WaiverResult.State.EXPIRING_SOON.label());
      }
      views.add(new WaiverView(w.id(), result.state().label(), states,
          w.category() == null ? null : w.category().label(), w.compensatingControl(), scope, w.justification(),
          w.approver(), w.ticket(), text(w.expires()), result.waivedFindings(), result.uncoveredFindings()));
    }
    return views;
  }

  static List<AttestationView> attestations(Assessment assessment) {
    List<AttestationView> views = new ArrayList<>();
    for (AttestationResult result : assessment.attestations()) {
      Attestation a = result.attestation();
      List<EvidenceLink> evidence = a.evidence().stream()
          .map(e -> new EvidenceLink(e.title(), e.link(), e.file(), e.sha256())).toList();
      views.add(new AttestationView(a.id(), Anchors.attestation(a.id()), result.state(), a.controls(), a.statement(),
          a.owner(), text(a.date()), text(a.expires()), a.decision() == null ? null : a.decision().describe(),
          a.alternative(), a.rationale(), evidence));
    }
    return views;
  }

  /** The comparison with a baseline, or null; lists are cut to {@code limit} entries (counts stay whole). */
  static BaselineView baseline(Assessment assessment, int limit) {
    Comparison c = assessment.baseline();
    if (c == null) {
      return null;
    }
    return new BaselineView(c.baseline(), c.counts().newFindings(), c.counts().resolved(), c.counts().stillOpen(),
        c.counts().newlyWaived(), entries(c.newFindings(), limit), entries(c.resolved(), limit),
        entries(c.newlyWaived(), limit),
        c.controlChanges().stream().map(ch -> new ChangeEntry(ch.id(), ch.before() + " → " + ch.after(), null, null))
            .toList(),
        c.waiversExpiredSince());
  }

  private static List<ChangeEntry> entries(List<FindingsSnapshot.Entry> entries, int limit) {
    return entries.stream().limit(limit)
        .map(e -> new ChangeEntry(e.ruleId(), e.title(), e.resourceId(), e.severity())).toList();
  }

  private static String text(Object value) {
    return Objects.toString(value, null);
  }
}
