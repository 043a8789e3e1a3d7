package dev.attest.report.document;

import java.util.List;

/**
 * The one view model the HTML and PDF templates render: every value already chosen, counted,
 * sorted and bounded, so templates hold loops and conditionals only. Strings are raw; the
 * templates' HTML output format escapes each of them. {@code glyphsMissing} is true when a
 * resource name has characters no font available to the PDF can draw; {@code missingGlyphs} names
 * them (bounded). {@code policy} and {@code evidence} are null unless a live scan collected them.
 */
public record ReportView(
    boolean pdf,
    String pageSize,
    boolean glyphsMissing,
    List<String> missingGlyphs,
    Cover cover,
    Executive executive,
    List<Group> hipaa,
    List<Group> hitrust,
    Findings findings,
    List<RuleView> rules,
    List<WaiverView> waivers,
    List<AttestationView> attestations,
    BaselineView baseline,
    PolicySections.PolicyView policy,
    LiveSections.EvidenceSection evidence) {

  public ReportView {
    missingGlyphs = List.copyOf(missingGlyphs);
    hipaa = List.copyOf(hipaa);
    hitrust = List.copyOf(hitrust);
    rules = List.copyOf(rules);
    waivers = List.copyOf(waivers);
    attestations = List.copyOf(attestations);
  }

  /**
   * One waiver of the register: its selectors, approval, expiry and state (active, expiring-soon,
   * expired, unused); {@code states} adds expiring-soon to an unused waiver that also runs out
   * within the notice period; {@code uncoveredFindings} counts the failures an expired waiver no
   * longer covers.
   */
  public record WaiverView(String id, String state, List<String> states, String category, String compensatingControl,
      List<String> scope, String justification, String approver, String ticket, String expires, int waivedFindings,
      int uncoveredFindings) {
    public WaiverView {
      states = List.copyOf(states);
      scope = List.copyOf(scope);
    }
  }

  /** One attestation: statement, owner, dates, state, the Addressable decision when recorded, and its evidence. */
  public record AttestationView(String id, String anchor, String state, List<String> controls, String statement,
      String owner, String date, String expires, String decision, String alternative, String rationale,
      List<EvidenceLink> evidence) {
    public AttestationView {
      controls = List.copyOf(controls);
      evidence = List.copyOf(evidence);
    }
  }

  /** A piece of attestation evidence: a link (shown as text, never fetched) or a file with its SHA-256. */
  public record EvidenceLink(String title, String link, String file, String sha256) {}

  /** Change since the baseline: counts over every finding, lists bounded. */
  public record BaselineView(String baseline, int newFindings, int resolved, int stillOpen, int newlyWaived,
      List<ChangeEntry> added, List<ChangeEntry> resolvedList, List<ChangeEntry> waivedList,
      List<ChangeEntry> controlChanges, List<String> waiversExpiredSince) {
    public BaselineView {
      added = List.copyOf(added);
      resolvedList = List.copyOf(resolvedList);
      waivedList = List.copyOf(waivedList);
      controlChanges = List.copyOf(controlChanges);
      waiversExpiredSince = List.copyOf(waiversExpiredSince);
    }
  }

  /** One line of a change list: rule or control id, what, the resource, the severity (each optional). */
  public record ChangeEntry(String id, String text, String resourceId, String severity) {}

  /**
   * The cover: scope (with the {@code --scope-name} and reporting period when given), provenance,
   * the coverage of a live collection (null for snapshot scans) and the plain statement of what
   * was and was not read.
   */
  public record Cover(
      String scopeName,
      String period,
      String periodDates,
      String scopeLabel,
      List<String> subscriptions,
      List<String> sources,
      int objects,
      String assessedOn,
      String toolName,
      String toolVersion,
      String rulePackName,
      String rulePackVersion,
      String rulePackSha256,
      int rulesInPack,
      int rulesEvaluated,
      int findings,
      boolean complete,
      int evaluationErrors,
      List<String> problems,
      Coverage coverage,
      LiveSections.CollectionView collection) {
    public Cover {
      subscriptions = List.copyOf(subscriptions);
      sources = List.copyOf(sources);
      problems = List.copyOf(problems);
    }
  }

  /** Controls by how they can be evidenced at all (automated, attested, inherited, ...). */
  public record Coverage(int automated, int partiallyAutomated, int attested, int inherited, int notCovered) {}

  /** The executive summary: gate verdict and why, and the charts. */
  public record Executive(
      String verdict,
      int exitCode,
      String failOn,
      int failingAtOrAboveThreshold,
      int findingsTotal,
      int failing,
      GateView gate,
      List<Bar> controlsByStatus,
      List<Bar> failingBySeverity,
      List<Bar> findingsByStatus,
      List<Bar> sinceBaseline,
      List<AreaRow> areas) {
    public Executive {
      controlsByStatus = List.copyOf(controlsByStatus);
      failingBySeverity = List.copyOf(failingBySeverity);
      findingsByStatus = List.copyOf(findingsByStatus);
      sinceBaseline = List.copyOf(sinceBaseline);
      areas = List.copyOf(areas);
    }
  }

  /**
   * What the gate weighed: with {@code newOnly} (--fail-on-new and a baseline) only failures not
   * in the baseline count, {@code failingAtOrAboveThreshold} counts those and
   * {@code allFailingAtOrAboveThreshold} every unwaived failure at or above the threshold;
   * {@code expiredWaivers} are the register's expired waivers and {@code expiredWaiversGate} says
   * whether they fail the gate (--expired-waivers fail); {@code failOnControls} with the failures
   * on them; {@code errors} findings that could not be evaluated and {@code complete} collection.
   */
  public record GateView(boolean newOnly, String baseline, int failingAtOrAboveThreshold,
      int allFailingAtOrAboveThreshold, int expiredWaivers, boolean expiredWaiversGate, List<String> expiredWaiverIds,
      List<String> failOnControls, int failingOnGatedControls, int errors, boolean complete) {
    public GateView {
      expiredWaiverIds = List.copyOf(expiredWaiverIds);
      failOnControls = List.copyOf(failOnControls);
    }
  }

  /** One bar of a chart; {@code percent} is relative to the largest bar of its chart (0-100). */
  public record Bar(String key, String label, int count, int percent) {}

  /**
   * Findings of one area by status, with each status's share of the area (0-100) and the area's
   * total relative to the largest area's ({@code scale}, 0-100, for the HTML chart).
   */
  public record AreaRow(String area, Counts counts, int total, int passPercent, int failPercent,
      int errorPercent, int waivedPercent, int notApplicablePercent, int scale) {}

  /** Findings by status. */
  public record Counts(int pass, int fail, int error, int notApplicable, int waived) {}

  /** A group of controls: a HIPAA section (164.308 ...) or a HITRUST category. */
  public record Group(String key, String title, String anchor, StatusCounts statuses, List<ControlView> controls) {
    public Group {
      controls = List.copyOf(controls);
    }
  }

  /** Controls of a group by status. */
  public record StatusCounts(int satisfied, int notSatisfied, int notAssessed, int attested, int inherited, int manual) {}

  /** One control section: requirement, how it is tested, what was tested, results, worst findings. */
  public record ControlView(
      String id,
      String anchor,
      String reference,
      String title,
      String designation,
      boolean specification,
      String requirement,
      String objective,
      List<String> requirementRefs,
      String coverage,
      String coverageNote,
      String statusKey,
      String status,
      String reason,
      Counts counts,
      int resourcesTested,
      List<RuleRef> rules,
      List<AttestationRef> attestations,
      List<FindingView> worst,
      int failingTotal,
      int notShown,
      List<ControlWaiver> waivers,
      DecisionView decision,
      boolean decisionMissing,
      PolicySections.ControlPolicyView policy,
      List<LiveSections.EvidenceRef> evidence) {
    public ControlView {
      requirementRefs = List.copyOf(requirementRefs);
      rules = List.copyOf(rules);
      attestations = List.copyOf(attestations);
      worst = List.copyOf(worst);
      waivers = List.copyOf(waivers);
      evidence = List.copyOf(evidence);
    }
  }

  /**
   * A waiver as it bears on one control: {@code findings} of the control's findings it waives, or,
   * for an expired waiver whose selectors still match failures of the control, {@code uncovered}.
   */
  public record ControlWaiver(String id, String state, String category, String justification, String approver,
      String ticket, String expires, int findings, int uncovered) {}

  /**
   * The Addressable decision on record for a control: {@code key} implemented, alternative or
   * not-reasonable; {@code text} how it reads; {@code detail} the alternative described or the
   * rationale; the attestation that records it.
   */
  public record DecisionView(String key, String text, String detail, String attestation, String attestationAnchor) {}

  /** An attestation on record for a control, linking to the register. */
  public record AttestationRef(String id, String anchor) {}

  /** A rule named from a control section, linking to the appendix. */
  public record RuleRef(String id, String title, String anchor) {}

  /** The findings section: the rows shown, and how many exist in findings.json/findings.csv. */
  public record Findings(int total, int shown, boolean bounded, List<FindingView> items,
      List<String> statuses, List<String> severities, List<String> areas) {
    public Findings {
      items = List.copyOf(items);
      statuses = List.copyOf(statuses);
      severities = List.copyOf(severities);
      areas = List.copyOf(areas);
    }
  }

  /** One finding with its evidence and, for failures, the rule's remediation. */
  public record FindingView(
      String id,
      String anchor,
      String ruleId,
      String ruleAnchor,
      String title,
      String resourceId,
      String resourceName,
      String resourceType,
      String subscriptionId,
      String status,
      String severity,
      String area,
      String message,
      String waiver,
      List<String> controls,
      List<EvidenceView> evidence,
      Remediation remediation,
      String searchText) {
    public FindingView {
      controls = List.copyOf(controls);
      evidence = List.copyOf(evidence);
    }
  }

  /** One observation behind a verdict; {@code observed} is null when the value was absent. */
  public record EvidenceView(String path, String observed, String expected, String note, boolean held) {}

  /** How to fix a failing resource: prose, an az CLI command and a Bicep snippet (each optional). */
  public record Remediation(String text, String az, String bicep) {}

  /** One rule in the appendix. */
  public record RuleView(
      String id,
      String anchor,
      String name,
      String title,
      String severity,
      String area,
      String resourceType,
      String description,
      Remediation remediation,
      List<String> controls,
      List<String> references,
      Counts counts) {
    public RuleView {
      controls = List.copyOf(controls);
      references = List.copyOf(references);
    }
  }
}
