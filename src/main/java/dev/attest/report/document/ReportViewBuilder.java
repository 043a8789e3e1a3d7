package dev.attest.report.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.ControlResult;
import dev.attest.assessment.ControlStatus;
import dev.attest.assessment.RuleMetadata;
import dev.attest.assessment.Summary;
import dev.attest.controls.ControlCatalog;
import dev.attest.engine.Evidence;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.report.RuleIndex;
import dev.attest.report.document.ReportView.Bar;
import dev.attest.report.document.ReportView.Counts;
import dev.attest.report.document.ReportView.EvidenceView;
import dev.attest.report.document.ReportView.FindingView;
import dev.attest.report.document.ReportView.Remediation;
import dev.attest.report.document.ReportView.RuleView;
import dev.attest.rules.Rule;
import dev.attest.rules.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * Turns an assessment (with the rule metadata, registers and baseline comparison it carries and,
 * when given, the catalog's control text) into the report view model. The PDF variant is bounded
 * for any tenant size: per control the worst few findings, in the findings section the worst
 * {@link #PDF_FINDINGS} failing, unevaluated or waived ones; the HTML variant lists every finding up to
 * {@link #HTML_FINDINGS}, worst first, beyond which a browser page stops being usable.
 */
public final class ReportViewBuilder {
  /** Worst findings shown under each control in the PDF, and in the HTML. */
  static final int PDF_PER_CONTROL = 5;
  static final int HTML_PER_CONTROL = 25;
  /** Worst findings in the PDF's findings section; the full population is in findings.json/csv. */
  static final int PDF_FINDINGS = 100;
  /** Most findings the HTML lists (each row carries its evidence: about 2 KB of markup). */
  static final int HTML_FINDINGS = 5_000;

  /** Most to least urgent, for "worst first" ordering. */
  private static final List<Status> STATUS_ORDER =
      List.of(Status.FAIL, Status.ERROR, Status.WAIVED, Status.PASS, Status.NOT_APPLICABLE);
  static final Comparator<Finding> WORST_FIRST = Comparator
      .comparingInt((Finding f) -> STATUS_ORDER.indexOf(f.status()))
      .thenComparing(f -> Severity.parse(f.severity()).orElse(Severity.INFO))
      .thenComparing(Finding::ruleId)
      .thenComparing(Finding::resourceId);

  private final Optional<ControlCatalog> catalog;
  private final boolean pdf;
  private final String pageSize;
  private final IntPredicate hasGlyph;

  /** For the HTML report: the browser finds a font for every character. */
  public ReportViewBuilder(ControlCatalog catalog) {
    this(catalog, false, DocumentOptions.PageSize.A4, c -> true);
  }

  /** For the PDF ({@code pdf} true): {@code hasGlyph} says which characters its font can draw. */
  public ReportViewBuilder(ControlCatalog catalog, boolean pdf, DocumentOptions.PageSize pageSize,
      IntPredicate hasGlyph) {
    this.catalog = Optional.ofNullable(catalog);
    this.pdf = pdf;
    this.pageSize = pageSize.css();
    this.hasGlyph = hasGlyph;
  }

  public ReportView build(Assessment assessment) {
    RuleIndex rules = new RuleIndex(assessment);
    Function<Finding, FindingView> toView = f -> finding(f, rules.find(f.ruleId()).orElse(null));
    ControlSections sections = new ControlSections(catalog, rules, assessment.findings(),
        toView, pdf ? PDF_PER_CONTROL : HTML_PER_CONTROL);
    List<ControlResult> hipaa = assessment.controls().stream().filter(c -> c.framework().equals("hipaa")).toList();
    List<ControlResult> hitrust = assessment.controls().stream().filter(c -> c.framework().equals("hitrust")).toList();
    // Said on the cover, because the PDF renderer drops a character its font lacks without a trace.
    boolean glyphsMissing = assessment.findings().stream()
        .anyMatch(f -> (nullToEmpty(f.resourceId()) + nullToEmpty(f.resourceName())).codePoints()
            .anyMatch(ch -> !Character.isWhitespace(ch) && !hasGlyph.test(ch)));
    return new ReportView(pdf, pageSize, glyphsMissing, cover(assessment), executive(assessment),
        sections.hipaa(hipaa), sections.hitrust(hitrust), findings(assessment.findings(), toView),
        rules(assessment, rules), RegisterViews.waivers(assessment), RegisterViews.attestations(assessment),
        RegisterViews.baseline(assessment, pdf ? PDF_FINDINGS : Integer.MAX_VALUE));
  }

  private ReportView.Cover cover(Assessment assessment) {
    Summary s = assessment.summary();
    List<String> subscriptions = s.scope().subscriptions();
    String scopeLabel = subscriptions.size() == 1 ? "subscription " + subscriptions.get(0)
        : subscriptions.size() + " subscriptions";
    Map<String, Integer> coverage = s.controlsByCoverage();
    int rulesEvaluated = (int) assessment.findings().stream().map(Finding::ruleId).distinct().count();
    return new ReportView.Cover(scopeLabel, subscriptions, s.scope().sources(), s.scope().objects(), s.asOf(),
        s.tool().name(), s.tool().version(), s.rulePack().name(), s.rulePack().version(), s.rulePack().sha256(),
        s.rulePack().rules(), rulesEvaluated, assessment.findings().size(), s.completeness().complete(),
        s.completeness().errors(), s.completeness().problems(),
        new ReportView.Coverage(coverage.getOrDefault("automated", 0), coverage.getOrDefault("partially-automated", 0),
            coverage.getOrDefault("attested", 0), coverage.getOrDefault("inherited", 0),
            coverage.getOrDefault("not-covered", 0)));
  }

  private ReportView.Executive executive(Assessment assessment) {
    Summary s = assessment.summary();
    List<Bar> controls = new ArrayList<>();
    for (ControlStatus status : ControlStatus.values()) {
      controls.add(new Bar(status.label(), statusLabel(status), s.controlsByStatus().getOrDefault(status.label(), 0), 0));
    }
    List<Bar> severities = new ArrayList<>();
    s.failuresBySeverity().forEach((severity, count) -> severities.add(new Bar(severity, severity, count, 0)));
    List<Bar> statuses = new ArrayList<>();
    s.findingsByStatus().forEach((status, count) -> statuses.add(new Bar(status.toLowerCase(Locale.ROOT),
        status.replace('_', ' '), count, 0)));
    List<ReportView.AreaRow> areas = new ArrayList<>();
    s.findingsByArea().forEach((area, c) -> {
      int total = c.pass() + c.fail() + c.error() + c.notApplicable() + c.waived();
      areas.add(new ReportView.AreaRow(area, counts(c), total, share(c.pass(), total), share(c.fail(), total),
          share(c.error(), total), share(c.waived(), total), share(c.notApplicable(), total)));
    });
    int failing = s.findingsByStatus().getOrDefault("FAIL", 0);
    return new ReportView.Executive(s.gate().verdict(), s.gate().exitCode(), s.gate().failOn(),
        s.gate().failingAtOrAboveThreshold(), assessment.findings().size(), failing,
        scaled(controls), scaled(severities), scaled(statuses), areas);
  }

  private ReportView.Findings findings(List<Finding> all, Function<Finding, FindingView> toView) {
    List<Finding> sorted = all.stream().sorted(WORST_FIRST).toList();
    List<Finding> shown = pdf
        ? sorted.stream().filter(f -> f.status() == Status.FAIL || f.status() == Status.ERROR
            || f.status() == Status.WAIVED).limit(PDF_FINDINGS).toList()
        : sorted.stream().limit(HTML_FINDINGS).toList();
    List<String> statuses = all.stream().map(f -> f.status().name()).distinct()
        .sorted(Comparator.comparingInt(name -> STATUS_ORDER.indexOf(Status.valueOf(name)))).toList();
    List<String> severities = all.stream().map(Finding::severity).distinct()
        .sorted(Comparator.comparing(sev -> Severity.parse(sev).orElse(Severity.INFO))).toList();
    List<String> areas = List.copyOf(all.stream().map(Finding::area).collect(Collectors.toCollection(TreeSet::new)));
    return new ReportView.Findings(all.size(), shown.size(), shown.size() < all.size(),
        shown.stream().map(toView).toList(), statuses, severities, areas);
  }

  private List<RuleView> rules(Assessment assessment, RuleIndex rules) {
    Map<String, List<Finding>> byRule = assessment.findings().stream()
        .collect(Collectors.groupingBy(Finding::ruleId, LinkedHashMap::new, Collectors.toList()));
    List<RuleView> views = new ArrayList<>();
    for (RuleMetadata rule : rules.all()) {
      List<Finding> mine = byRule.getOrDefault(rule.id(), List.of());
      String resourceType = mine.isEmpty() ? null : mine.get(0).resourceType();
      views.add(new RuleView(rule.id(), Anchors.rule(rule.id()), rule.name(), rule.title(), rule.severity(),
          rule.area(), resourceType, rule.description(), remediation(rule), rule.controls(), rule.references(),
          count(mine)));
    }
    return views;
  }

  private static FindingView finding(Finding f, RuleMetadata rule) {
    List<EvidenceView> evidence = f.evidence().stream().map(ReportViewBuilder::evidence).toList();
    Remediation remediation = f.status() == Status.PASS || f.status() == Status.NOT_APPLICABLE || rule == null
        ? null : remediation(rule);
    String search = String.join(" ", f.ruleId(), f.title(), nullToEmpty(f.resourceId()), nullToEmpty(f.resourceType()),
        nullToEmpty(f.message()), nullToEmpty(f.waiver()), String.join(" ", f.controls())).toLowerCase(Locale.ROOT);
    return new FindingView(f.id(), Anchors.finding(f.id()), f.ruleId(), Anchors.rule(f.ruleId()), f.title(),
        f.resourceId(), f.resourceName(), f.resourceType(), f.subscriptionId(), f.status().name(), f.severity(),
        f.area(), f.message(), f.waiver(), f.controls(), evidence, remediation, search);
  }

  private static EvidenceView evidence(Evidence e) {
    JsonNode observed = e.observed();
    String value = observed == null || observed.isMissingNode() ? null
        : observed.isTextual() ? observed.asText() : observed.toString();
    return new EvidenceView(e.path(), value, e.expected(), e.note(), e.held());
  }

  static Remediation remediation(RuleMetadata rule) {
    Rule.Remediation r = rule.remediation();
    return r == null ? null : new Remediation(r.text(), r.az(), r.bicep());
  }

  static Counts count(List<Finding> findings) {
    ControlResult.Counts c = dev.attest.assessment.ControlRollup.count(findings);
    return counts(c);
  }

  static Counts counts(ControlResult.Counts c) {
    return new Counts(c.pass(), c.fail(), c.error(), c.notApplicable(), c.waived());
  }

  static String statusLabel(ControlStatus status) {
    return switch (status) {
      case SATISFIED -> "satisfied";
      case NOT_SATISFIED -> "not satisfied";
      case NOT_ASSESSED -> "not assessed";
      case ATTESTED -> "attested";
      case INHERITED -> "inherited (Microsoft)";
      case MANUAL -> "manual (needs attestation)";
    };
  }

  /** Each bar's length relative to the chart's largest bar, so the longest bar fills the chart. */
  private static List<Bar> scaled(List<Bar> bars) {
    int max = bars.stream().mapToInt(Bar::count).max().orElse(0);
    return bars.stream().map(b -> new Bar(b.key(), b.label(), b.count(), max == 0 ? 0 : share(b.count(), max))).toList();
  }

  private static int share(int part, int whole) {
    return whole == 0 ? 0 : (int) Math.round(100.0 * part / whole);
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
