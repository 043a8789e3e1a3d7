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
import dev.attest.evidence.ReportingPeriod;
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
  /** Characters the cover names when no font can draw them. */
  static final int MISSING_GLYPHS = 12;

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
    return build(assessment, null, null);
  }

  /** The view, with the cover's reporting period ({@code --period}) and scope name when given (each may be null). */
  public ReportView build(Assessment assessment, String period, String scopeName) {
    RuleIndex rules = new RuleIndex(assessment);
    Function<Finding, FindingView> toView = f -> finding(f, rules.find(f.ruleId()).orElse(null));
    LiveSections live = new LiveSections(pdf);
    PolicySections policy = new PolicySections(pdf);
    ControlSections sections = new ControlSections(catalog, rules, assessment, toView,
        pdf ? PDF_PER_CONTROL : HTML_PER_CONTROL, policy);
    List<ControlResult> hipaa = assessment.controls().stream().filter(c -> c.framework().equals("hipaa")).toList();
    List<ControlResult> hitrust = assessment.controls().stream().filter(c -> c.framework().equals("hitrust")).toList();
    List<String> missing = missingGlyphs(assessment);
    return new ReportView(pdf, pageSize, !missing.isEmpty(), missing, cover(assessment, period, scopeName, live),
        executive(assessment), sections.hipaa(hipaa), sections.hitrust(hitrust), findings(assessment.findings(), toView),
        rules(assessment, rules), RegisterViews.waivers(assessment), RegisterViews.attestations(assessment),
        RegisterViews.baseline(assessment, pdf ? PDF_FINDINGS : Integer.MAX_VALUE), policy.chapter(assessment),
        live.evidence(assessment.evidence()));
  }

  /**
   * Characters of resource names that no font of the PDF can draw, as "U+1F3E5 (Miscellaneous
   * Symbols and Pictographs)", at most {@link #MISSING_GLYPHS}: said on the cover, because the
   * renderer drops such a character without a trace.
   */
  private List<String> missingGlyphs(Assessment assessment) {
    java.util.TreeSet<Integer> missing = new java.util.TreeSet<>();
    for (Finding f : assessment.findings()) {
      (nullToEmpty(f.resourceId()) + nullToEmpty(f.resourceName())).codePoints()
          .filter(ch -> !Character.isWhitespace(ch) && !Character.isISOControl(ch) && !hasGlyph.test(ch))
          .forEach(missing::add);
    }
    return missing.stream().limit(MISSING_GLYPHS).map(ch -> {
      Character.UnicodeBlock block = Character.UnicodeBlock.of(ch);
      String name = block == null ? "unassigned" : titleCase(block.toString());
      return String.format("U+%04X (%s)", ch, name);
    }).toList();
  }

  private static String titleCase(String constant) {
    StringBuilder out = new StringBuilder();
    for (String word : constant.toLowerCase(Locale.ROOT).split("_")) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(word.equals("and") || word.equals("of") ? word : word.equals("cjk") ? "CJK"
          : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    return out.toString();
  }

  private ReportView.Cover cover(Assessment assessment, String period, String scopeName, LiveSections live) {
    Summary s = assessment.summary();
    List<String> subscriptions = s.scope().subscriptions();
    String scopeLabel = scopeName != null ? scopeName : subscriptions.size() == 1 ? "subscription " + subscriptions.get(0)
        : subscriptions.size() + " subscriptions";
    Map<String, Integer> coverage = s.controlsByCoverage();
    int rulesEvaluated = (int) assessment.findings().stream().map(Finding::ruleId).distinct().count();
    String shownPeriod = period != null ? period : evidencePeriod(assessment);
    return new ReportView.Cover(scopeName, shownPeriod, periodDates(shownPeriod), scopeLabel, subscriptions,
        s.scope().sources(), s.scope().objects(), s.asOf(),
        s.tool().name(), s.tool().version(), s.rulePack().name(), s.rulePack().version(), s.rulePack().sha256(),
        s.rulePack().rules(), rulesEvaluated, assessment.findings().size(), s.completeness().complete(),
        s.completeness().errors(), s.completeness().problems(),
        new ReportView.Coverage(coverage.getOrDefault("automated", 0), coverage.getOrDefault("partially-automated", 0),
            coverage.getOrDefault("attested", 0), coverage.getOrDefault("inherited", 0),
            coverage.getOrDefault("not-covered", 0)),
        live.collection(s.coverage()));
  }

  /** Without --period, the period a live scan's log evidence was collected for (the widest of its results). */
  private static String evidencePeriod(Assessment assessment) {
    if (assessment.evidence() == null) {
      return null;
    }
    java.time.LocalDate from = null;
    java.time.LocalDate to = null;
    for (var e : assessment.evidence()) {
      try {
        ReportingPeriod p = ReportingPeriod.parse(e.period());
        from = from == null || p.from().isBefore(from) ? p.from() : from;
        to = to == null || p.to().isAfter(to) ? p.to() : to;
      } catch (ReportingPeriod.Invalid ignored) {
        // a result without a readable period says nothing about the whole
      }
    }
    return from == null ? null : from + ".." + to;
  }

  /** "2025-01-01 to 2025-03-31" for a quarter or a date range; null for free text. */
  private static String periodDates(String period) {
    if (period == null) {
      return null;
    }
    try {
      ReportingPeriod p = ReportingPeriod.parse(period);
      return p.from() + " to " + p.to() + " (UTC)";
    } catch (ReportingPeriod.Invalid e) {
      return null;
    }
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
    List<Bar> since = new ArrayList<>();
    if (assessment.baseline() != null) {
      var c = assessment.baseline().counts();
      since.add(new Bar("new", "new", c.newFindings(), 0));
      since.add(new Bar("resolved", "resolved", c.resolved(), 0));
      since.add(new Bar("still-open", "still open", c.stillOpen(), 0));
      since.add(new Bar("newly-waived", "newly waived", c.newlyWaived(), 0));
    }
    List<ReportView.AreaRow> areas = new ArrayList<>();
    int largest = s.findingsByArea().values().stream()
        .mapToInt(c -> c.pass() + c.fail() + c.error() + c.notApplicable() + c.waived()).max().orElse(0);
    s.findingsByArea().forEach((area, c) -> {
      int total = c.pass() + c.fail() + c.error() + c.notApplicable() + c.waived();
      areas.add(new ReportView.AreaRow(area, counts(c), total, share(c.pass(), total), share(c.fail(), total),
          share(c.error(), total), share(c.waived(), total), share(c.notApplicable(), total), share(total, largest)));
    });
    int failing = s.findingsByStatus().getOrDefault("FAIL", 0);
    return new ReportView.Executive(s.gate().verdict(), s.gate().exitCode(), s.gate().failOn(),
        s.gate().failingAtOrAboveThreshold(), assessment.findings().size(), failing, gate(assessment),
        scaled(controls), scaled(severities), scaled(statuses), scaled(since), areas);
  }

  /** What the gate weighed, so the reports explain --fail-on-new and --expired-waivers instead of only a threshold. */
  private static ReportView.GateView gate(Assessment assessment) {
    var verdict = assessment.summary().gate();
    Optional<Severity> threshold = Severity.parse(verdict.failOn());
    int allAtOrAbove = (int) assessment.findings().stream().filter(f -> f.status() == Status.FAIL)
        .filter(f -> threshold.isPresent() && Severity.parse(f.severity()).map(x -> x.atLeast(threshold.get())).orElse(true))
        .count();
    List<String> expired = assessment.waivers().stream()
        .filter(w -> w.state() == dev.attest.waivers.WaiverResult.State.EXPIRED).map(w -> w.waiver().id()).toList();
    boolean newOnly = Boolean.TRUE.equals(verdict.newFindingsOnly());
    return new ReportView.GateView(newOnly, assessment.baseline() == null ? null : assessment.baseline().baseline(),
        verdict.failingAtOrAboveThreshold(), allAtOrAbove, expired.size(), verdict.expiredWaivers() != null, expired,
        verdict.failOnControls(), verdict.failingOnGatedControls(), verdict.errors(), verdict.complete());
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
