package dev.attest.report.document;

import dev.attest.assessment.ControlResult;
import dev.attest.assessment.ControlStatus;
import dev.attest.assessment.RuleMetadata;
import dev.attest.controls.Control;
import dev.attest.controls.ControlCatalog;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.report.RuleIndex;
import dev.attest.report.document.ReportView.ControlView;
import dev.attest.report.document.ReportView.StatusCounts;
import dev.attest.report.document.ReportView.FindingView;
import dev.attest.report.document.ReportView.Group;
import dev.attest.report.document.ReportView.RuleRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The HIPAA view (by citation, grouped into 164.308/310/312/316) and the HITRUST view (by control,
 * grouped by category): per control the requirement, how it is tested, the resources tested, the
 * results and the worst findings, bounded to {@code perControl}.
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
  private final Map<String, List<Finding>> findingsByControl = new HashMap<>();
  private final Function<Finding, FindingView> toView;
  private final int perControl;

  ControlSections(Optional<ControlCatalog> catalog, RuleIndex rules, List<Finding> findings,
      Function<Finding, FindingView> toView, int perControl) {
    this.catalog = catalog;
    this.rules = rules;
    this.toView = toView;
    this.perControl = perControl;
    for (Finding finding : findings) {
      finding.controls().forEach(c -> findingsByControl.computeIfAbsent(c, k -> new ArrayList<>()).add(finding));
    }
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
    return new ControlView(result.id(), Anchors.control(result.id()), result.reference(), result.title(),
        result.designation(), control.map(c -> c.parent() != null).orElse(false),
        control.map(Control::summary).filter(s -> !s.isBlank()).orElse(null), result.coverage(),
        control.map(Control::coverageNote).filter(s -> !s.isBlank()).orElse(null),
        result.status().label(), ReportViewBuilder.statusLabel(result.status()), result.reason(), ReportViewBuilder.counts(result.counts()),
        resources, ruleRefs,
        result.attestations().stream().map(id -> new ReportView.AttestationRef(id, Anchors.attestation(id))).toList(),
        worst, failing.size(), failing.size() - worst.size());
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
