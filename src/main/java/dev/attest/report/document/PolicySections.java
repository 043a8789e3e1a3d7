package dev.attest.report.document;

import dev.attest.assessment.Assessment;
import dev.attest.assessment.ControlResult;
import dev.attest.policy.ControlPolicy;
import dev.attest.policy.Exemption;
import dev.attest.policy.PolicyOverview;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Azure Policy's second opinion as views for the templates: the chapter (the $filter the states
 * were asked with, states per initiative, per control whether Policy agrees with Attest, the
 * resources judged alike and differently, the resources Policy found non-compliant that Attest
 * never judged, and the exemptions register) and each control's paragraph. Every list is bounded,
 * tighter in the PDF, and says how many it leaves to findings.json.
 */
public final class PolicySections {
  /** The built-in "HITRUST/HIPAA" initiative, named rather than shown as a GUID. */
  private static final String HITRUST_HIPAA = "a169a624-5599-4385-a696-c8d643089fab";

  /**
   * How many rows each list shows: in the chapter (over every control) and in each control's
   * paragraph. The PDF's are small enough that a tenant with every control under Policy and
   * thousands of exemptions stays well under 300 pages.
   */
  record Limits(int disagreements, int disagreementsPerControl, int agreements, int agreementsPerControl,
      int notJudged, int notJudgedPerControl, int exemptions) {}

  static final Limits HTML = new Limits(Integer.MAX_VALUE, 25, 500, 20, 1_000, 25, 1_000);
  static final Limits PDF = new Limits(100, 5, 20, 2, 50, 3, 50);

  // ---- views --------------------------------------------------------------------------------

  /**
   * The first rows of a list and how many there are: {@code total} counts every one (also those
   * findings.json only counts), {@code notShown} those left out here, and {@code listed} how many
   * findings.json lists one by one ({@code listed < total}: it lists the first
   * {@value ControlPolicy#LISTED} per control by id and counts the rest).
   */
  public record Bounded<T>(List<T> items, int total, int notShown, int listed, int listedPerControl) {
    public Bounded {
      items = List.copyOf(items);
    }

    static <T> Bounded<T> of(List<T> rows, int limit, int total, int listed) {
      List<T> shown = rows.stream().limit(limit).toList();
      return new Bounded<>(shown, total, total - shown.size(), listed, ControlPolicy.LISTED);
    }
  }

  /**
   * Azure Policy's opinion beside Attest's: the status, the filter the states were asked with (null:
   * every state), the totals, per initiative, per control, and per resource (bounded lists).
   */
  public record PolicyView(String status, String reason, String filter, int exemptions, int agree, int disagree,
      int nonCompliantNotJudged, List<InitiativeRow> initiatives, List<PolicyControlRow> controls,
      Bounded<DisagreementRow> disagreements, Bounded<AgreementRow> agreements, Bounded<NotJudgedRow> notJudged,
      Bounded<ExemptionRow> exemptionRegister) {
    public PolicyView {
      initiatives = List.copyOf(initiatives);
      controls = List.copyOf(controls);
    }
  }

  /** Resources per compliance state under one assigned initiative (or direct assignments). */
  public record InitiativeRow(String name, String id, int compliant, int nonCompliant, int exempt, int other) {}

  /**
   * One control Policy had an opinion on: its counts, whether it agrees with Attest on every shared
   * resource, and how many resources Policy found non-compliant that Attest never judged.
   */
  public record PolicyControlRow(String id, String anchor, String reference, String title, String attestStatus,
      int compliant, int nonCompliant, int exempt, int agree, int differ, int notJudged) {}

  /** One resource judged differently by Attest and Azure Policy under a control. */
  public record DisagreementRow(String control, String controlAnchor, String resourceId, String resourceName,
      String attestStatus, String policyState, List<String> definitions) {
    public DisagreementRow {
      definitions = List.copyOf(definitions);
    }
  }

  /** One resource Attest and Azure Policy judged alike under a control. */
  public record AgreementRow(String control, String controlAnchor, String resourceId, String resourceName,
      String attestStatus, String policyState) {}

  /** One resource Azure Policy found non-compliant under a control and no rule of Attest's judged. */
  public record NotJudgedRow(String control, String controlAnchor, String resourceId, String resourceName,
      List<String> definitions) {
    public NotJudgedRow {
      definitions = List.copyOf(definitions);
    }
  }

  /**
   * One Azure Policy exemption: id and name, the scope it applies to, its category, when it expires
   * (null: never; {@code expired} when that is before the assessment date, so Policy no longer
   * honours it), the assignment it exempts from and which of its definitions (empty: all of them).
   */
  public record ExemptionRow(String id, String name, String displayName, String scope, String category,
      String expires, boolean expired, String assignment, String assignmentName, List<String> definitions) {
    public ExemptionRow {
      definitions = List.copyOf(definitions);
    }
  }

  /** Policy's opinion within a control section, each list bounded. */
  public record ControlPolicyView(int compliant, int nonCompliant, int exempt, int agree, int differ,
      int nonCompliantNotJudged, Bounded<DisagreementRow> disagreements, Bounded<AgreementRow> agreements,
      Bounded<NotJudgedRow> notJudged) {}

  // ---- builders -----------------------------------------------------------------------------

  private final Limits limits;

  PolicySections(boolean pdf) {
    this.limits = pdf ? PDF : HTML;
  }

  PolicyView chapter(Assessment assessment) {
    PolicyOverview overview = assessment.policy();
    if (overview == null) {
      return null;
    }
    List<InitiativeRow> initiatives = overview.initiatives().stream()
        .map(i -> new InitiativeRow(initiativeName(i.policySetDefinitionId()), i.policySetDefinitionId(), i.compliant(),
            i.nonCompliant(), i.exempt(), i.other())).toList();
    List<PolicyControlRow> controls = new ArrayList<>();
    List<DisagreementRow> differ = new ArrayList<>();
    List<AgreementRow> alike = new ArrayList<>();
    List<NotJudgedRow> unjudged = new ArrayList<>();
    int alikeListed = 0;
    int unjudgedListed = 0;
    for (ControlResult c : assessment.controls()) {
      ControlPolicy p = c.policy();
      if (p == null) {
        continue;
      }
      controls.add(new PolicyControlRow(c.id(), Anchors.control(c.id()), c.reference(), c.title(),
          ReportViewBuilder.statusLabel(c.status()), p.compliant(), p.nonCompliant(), p.exempt(), p.agree(),
          p.disagreements().size(), p.nonCompliantNotJudged()));
      differ.addAll(disagreements(c, p));
      // Only what the chapter can still show is turned into rows; the counts cover every control.
      if (alike.size() < limits.agreements()) {
        alike.addAll(agreements(c, p));
      }
      if (unjudged.size() < limits.notJudged()) {
        unjudged.addAll(notJudged(c, p));
      }
      alikeListed += p.agreements().size();
      unjudgedListed += p.notJudged().size();
    }
    List<ExemptionRow> exemptions = exemptions(overview.exemptionDetails(), assessment.summary().asOf());
    return new PolicyView(overview.status(), overview.reason(), overview.filter(), overview.exemptions(),
        overview.agree(), overview.disagree(), overview.nonCompliantNotJudged(), initiatives, controls,
        Bounded.of(differ, limits.disagreements(), differ.size(), differ.size()),
        Bounded.of(alike, limits.agreements(), overview.agree(), alikeListed),
        Bounded.of(unjudged, limits.notJudged(), overview.nonCompliantNotJudged(), unjudgedListed),
        Bounded.of(exemptions, limits.exemptions(), Math.max(overview.exemptions(), exemptions.size()), exemptions.size()));
  }

  ControlPolicyView control(ControlResult result) {
    ControlPolicy p = result.policy();
    if (p == null) {
      return null;
    }
    List<DisagreementRow> differ = disagreements(result, p);
    return new ControlPolicyView(p.compliant(), p.nonCompliant(), p.exempt(), p.agree(), differ.size(),
        p.nonCompliantNotJudged(),
        Bounded.of(differ, limits.disagreementsPerControl(), differ.size(), differ.size()),
        Bounded.of(agreements(result, p), limits.agreementsPerControl(), p.agree(), p.agreements().size()),
        Bounded.of(notJudged(result, p), limits.notJudgedPerControl(), p.nonCompliantNotJudged(), p.notJudged().size()));
  }

  private static List<DisagreementRow> disagreements(ControlResult c, ControlPolicy p) {
    return p.disagreements().stream().map(d -> new DisagreementRow(c.id(), Anchors.control(c.id()), d.resourceId(),
        LiveSections.lastSegment(d.resourceId()), d.attestStatus(), d.policyState(), d.policyDefinitions())).toList();
  }

  private static List<AgreementRow> agreements(ControlResult c, ControlPolicy p) {
    return p.agreements().stream().map(a -> new AgreementRow(c.id(), Anchors.control(c.id()), a.resourceId(),
        LiveSections.lastSegment(a.resourceId()), a.attestStatus(), a.policyState())).toList();
  }

  private static List<NotJudgedRow> notJudged(ControlResult c, ControlPolicy p) {
    return p.notJudged().stream().map(n -> new NotJudgedRow(c.id(), Anchors.control(c.id()), n.resourceId(),
        LiveSections.lastSegment(n.resourceId()), n.policyDefinitions())).toList();
  }

  private static List<ExemptionRow> exemptions(List<Exemption> exemptions, String asOf) {
    LocalDate day = asOf == null ? null : LocalDate.parse(asOf);
    return exemptions.stream()
        .map(e -> new ExemptionRow(e.id(), e.name(), e.displayName(), e.scope() != null ? e.scope() : Exemption.scopeOf(e.id()),
            e.category(), e.expiresOn(), expired(e.expiresOn(), day), e.policyAssignmentId(),
            e.policyAssignmentId() == null ? null : LiveSections.lastSegment(e.policyAssignmentId()),
            e.policyDefinitionReferenceIds()))
        .toList();
  }

  /** Whether an exemption's expiry ({@code 2026-12-31T00:00:00Z}) is before the assessment day; false when unknown. */
  static boolean expired(String expiresOn, LocalDate asOf) {
    if (expiresOn == null || asOf == null) {
      return false;
    }
    try {
      return OffsetDateTime.parse(expiresOn).isBefore(asOf.atStartOfDay().atOffset(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String initiativeName(String id) {
    if (id == null || id.equals("none")) {
      return "direct assignments (no initiative)";
    }
    String last = LiveSections.lastSegment(id);
    return last.equalsIgnoreCase(HITRUST_HIPAA) ? "HITRUST/HIPAA (built-in)" : last;
  }
}
