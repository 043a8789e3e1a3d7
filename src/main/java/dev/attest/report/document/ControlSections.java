package dev.attest.report.document;

import dev.attest.assessment.Assessment;
import dev.attest.assessment.ControlResult;
import dev.attest.attestations.Attestation;
import dev.attest.assessment.ControlStatus;
import dev.attest.assessment.RuleMetadata;
import dev.attest.controls.Control;
import dev.attest.controls.ControlCatalog;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.report.RuleIndex;
import dev.attest.report.document.ReportView.ControlView;
import dev.attest.report.document.ReportView.ControlWaiver;
import dev.attest.report.document.ReportView.DecisionView;
import dev.attest.report.document.ReportView.StatusCounts;
import dev.attest.report.document.ReportView.FindingView;
import dev.attest.report.document.ReportView.Group;
import dev.attest.report.document.ReportView.RuleRef;
import dev.attest.waivers.Waiver;
import dev.attest.waivers.WaiverResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The HIPAA view (by citation, grouped into 164.308/310/312/316) and the HITRUST view (by control,
 * grouped by category): per control the requirement (for HITRUST the objective and requirement
 * references), the Addressable decision on record or its absence, how it is tested, the resources
 * tested, the results, the worst findings (bounded to {@code perControl}), the waivers bearing on
 * it, and for live scans Azure Policy's opinion and the log evidence that names it.
 */
final class ControlSections {
  private static final Map<String, String> HIPAA_SECTIONS = Map.of(
      "164.308", "Administrative safeguards",
      "164.310", "Physical safeguards",
      "164.312", "Technical safeguards",
      "164.314", "Organizational requirements",
      "164.316", "Policies and procedures and documentation requirements");

  private final Optional<ControlCatalog> catalog;
  private final RuleIndex rules;
  private final Assessment assessment;
  private final Map<String, List<Finding>> findingsByControl = new HashMap<>();
  private final Map<String, WaiverResult> waiversById = new HashMap<>();
  private final Map<String, Attestation> attestationsById = new HashMap<>();
  private final Function<Finding, FindingView> toView;
  private final int perControl;
  private final PolicySections policy;

  ControlSections(Optional<ControlCatalog> catalog, RuleIndex rules, Assessment assessment,
      Function<Finding, FindingView> toView, int perControl, PolicySections policy) {
    this.catalog = catalog;
    this.rules = rules;
    this.assessment = assessment;
    this.toView = toView;
    this.perControl = perControl;
    this.policy = policy;
    for (Finding finding : assessment.findings()) {
      finding.controls().forEach(c -> findingsByControl.computeIfAbsent(c, k -> new ArrayList<>()).add(finding));
    }
    assessment.waivers().forEach(w -> waiversById.put(w.waiver().id(), w));
    assessment.attestations().forEach(a -> attestationsById.put(a.attestation().id(), a.attestation()));
  }

  List<Group> hipaa(List<ControlResult> controls) {
    return group("hipaa", controls, c -> {
      int paren = c.reference().indexOf('(');
      return paren < 0 ? c.reference() : c.reference().substring(0, paren);
    }, key -> key + " " + HIPAA_SECTIONS.getOrDefault(key, ""));
  }

  List<Group> hitrust(List<ControlResult> controls) {
    Map<String, String> names = new HashMap<>();
    catalog.ifPresent(cat -> cat.controls().forEach(c -> names.putIfAbsent(category(c.reference()), c.group())));
    return group("hitrust", controls, c -> category(c.reference()),
        key -> (key + " " + names.getOrDefault(key, "")).trim());
  }

  private List<Group> group(String framework, List<ControlResult> controls, Function<ControlResult, String> keyOf,
      Function<String, String> titleOf) {
    // Groups in citation/category order (164.308 before 164.310; 01 before 09), controls in catalog order within.
    Map<String, List<ControlView>> grouped = new TreeMap<>();
    for (ControlResult control : controls) {
      grouped.computeIfAbsent(keyOf.apply(control), k -> new ArrayList<>()).add(view(control));
    }
    List<Group> groups = new ArrayList<>();
    grouped.forEach((key, views) -> groups.add(new Group(key, titleOf.apply(key).trim(),
        Anchors.group(framework, key), statusCounts(views), views)));
    return groups;
  }

  private ControlView view(ControlResult result) {
    Optional<Control> control = catalog.flatMap(c -> c.find(result.id()));
    List<Finding> mine = findingsByControl.getOrDefault(result.id(), List.of());
    int resources = (int) mine.stream().filter(f -> f.status() != Status.NOT_APPLICABLE)
        .map(f -> f.resourceId().toLowerCase(java.util.Locale.ROOT)).distinct().count();
    List<Finding> failing = mine.stream()
        .filter(f -> f.status() == Status.FAIL || f.status() == Status.ERROR || f.status() == Status.WAIVED)
        .sorted(ReportViewBuilder.WORST_FIRST).toList();
    List<FindingView> worst = failing.stream().limit(perControl).map(toView).toList();
    List<RuleRef> ruleRefs = result.rules().stream()
        .map(id -> new RuleRef(id, rules.find(id).map(RuleMetadata::title).orElse(""), Anchors.rule(id)))
        .toList();
    DecisionView decision = decision(result);
    boolean addressable = "Addressable".equalsIgnoreCase(result.designation());
    return new ControlView(result.id(), Anchors.control(result.id()), result.reference(), result.title(),
        result.designation(), control.map(c -> c.parent() != null).orElse(false),
        control.map(Control::summary).filter(s -> !s.isBlank()).orElse(null),
        control.map(Control::objective).orElse(null), control.map(Control::requirements).orElse(List.of()),
        result.coverage(),
        control.map(Control::coverageNote).filter(s -> !s.isBlank()).orElse(null),
        result.status().label(), ReportViewBuilder.statusLabel(result.status()), result.reason(), ReportViewBuilder.counts(result.counts()),
        resources, ruleRefs,
        result.attestations().stream().map(id -> new ReportView.AttestationRef(id, Anchors.attestation(id))).toList(),
        worst, failing.size(), failing.size() - worst.size(), waivers(mine), decision, addressable && decision == null,
        policy.control(result), LiveSections.evidenceFor(result.id(), assessment.evidence()));
  }

  /**
   * The waivers that bear on a control: those that waive some of its findings (with how many), and
   * expired ones whose rule and resource selectors still match its failures (with how many they no
   * longer cover). A tag-selected expired waiver is left to the register: the tags are not in the findings.
   */
  private List<ControlWaiver> waivers(List<Finding> mine) {
    Map<String, Integer> waived = new TreeMap<>();
    mine.stream().filter(f -> f.status() == Status.WAIVED && f.waiver() != null)
        .forEach(f -> waived.merge(f.waiver(), 1, Integer::sum));
    List<ControlWaiver> views = new ArrayList<>();
    waived.forEach((id, n) -> {
      WaiverResult r = waiversById.get(id);
      views.add(r == null ? new ControlWaiver(id, null, null, null, null, null, null, n, 0) : waiver(r, n, 0));
    });
    for (WaiverResult r : assessment.waivers()) {
      Waiver w = r.waiver();
      if (r.state() != WaiverResult.State.EXPIRED || !w.tags().isEmpty()) {
        continue;
      }
      int uncovered = (int) mine.stream()
          .filter(f -> f.status() == Status.FAIL && w.covers(f.ruleId(), f.resourceId(), Map.of())).count();
      if (uncovered > 0) {
        views.add(waiver(r, 0, uncovered));
      }
    }
    return views;
  }

  private static ControlWaiver waiver(WaiverResult r, int findings, int uncovered) {
    Waiver w = r.waiver();
    return new ControlWaiver(w.id(), r.state().label(), w.category() == null ? null : w.category().label(),
        w.justification(), w.approver(), w.ticket(), w.expires() == null ? null : w.expires().toString(), findings,
        uncovered);
  }

  /** The Addressable decision on record, from the latest of the control's attestations that states it. */
  private DecisionView decision(ControlResult result) {
    if (result.decision() == null) {
      return null;
    }
    Attestation source = result.attestations().stream().map(attestationsById::get).filter(Objects::nonNull)
        .filter(a -> a.decision() != null && a.decision().label().equals(result.decision()))
        .max(Comparator.comparing(Attestation::date)).orElse(null);
    Attestation.Decision kind = Attestation.Decision.parse(result.decision()).orElse(null);
    String text = kind == null ? result.decision() : kind.describe();
    String detail = source == null ? null : source.alternative() != null ? source.alternative() : source.rationale();
    return new DecisionView(result.decision(), text, detail, source == null ? null : source.id(),
        source == null ? null : Anchors.attestation(source.id()));
  }

  private static StatusCounts statusCounts(List<ControlView> views) {
    Map<String, Integer> n = new HashMap<>();
    views.forEach(v -> n.merge(v.statusKey(), 1, Integer::sum));
    return new StatusCounts(n.getOrDefault(ControlStatus.SATISFIED.label(), 0),
        n.getOrDefault(ControlStatus.NOT_SATISFIED.label(), 0), n.getOrDefault(ControlStatus.NOT_ASSESSED.label(), 0),
        n.getOrDefault(ControlStatus.ATTESTED.label(), 0), n.getOrDefault(ControlStatus.INHERITED.label(), 0),
        n.getOrDefault(ControlStatus.MANUAL.label(), 0));
  }

  private static String category(String reference) {
    int dot = reference.indexOf('.');
    return dot < 0 ? reference : reference.substring(0, dot);
  }
}
