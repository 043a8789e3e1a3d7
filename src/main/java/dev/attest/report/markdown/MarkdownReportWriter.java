package dev.attest.report.markdown;

import dev.attest.assessment.Assessment;
import dev.attest.assessment.CollectionCoverage;
import dev.attest.evidence.EvidenceResult;
import dev.attest.policy.ControlPolicy;
import dev.attest.policy.PolicyOverview;
import dev.attest.assessment.ControlResult;
import dev.attest.assessment.ControlStatus;
import dev.attest.assessment.Gate;
import dev.attest.assessment.Summary;
import dev.attest.attestations.AttestationResult;
import dev.attest.waivers.WaiverResult;
import dev.attest.baseline.Comparison;
import dev.attest.baseline.FindingsSnapshot;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.report.GateReasons;
import dev.attest.report.ReportWriter;
import dev.attest.rules.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code summary.md}: a compact summary for a CI job summary or a pull-request comment: the gate
 * verdict, counts, controls, the worst findings and what could not be read. Every value that came
 * from the scanned tenant is escaped, so a resource name cannot inject Markdown or HTML.
 */
public final class MarkdownReportWriter implements ReportWriter {
  public static final String FILE_NAME = "summary.md";
  static final int WORST = 20;
  static final int LISTED = 20;

  /** One part of the summary, rendered in order; a section with nothing to say writes nothing. */
  @FunctionalInterface
  interface Section {
    void render(Assessment assessment, StringBuilder md);
  }

  private final List<Section> sections = List.of(
      MarkdownReportWriter::verdict,
      MarkdownReportWriter::coverage,
      MarkdownReportWriter::findings,
      MarkdownReportWriter::controls,
      MarkdownReportWriter::worst,
      MarkdownReportWriter::sinceBaseline,
      MarkdownReportWriter::registers,
      MarkdownReportWriter::policy,
      MarkdownReportWriter::evidence,
      MarkdownReportWriter::completeness);

  @Override
  public String format() {
    return "md";
  }

  @Override
  public Path write(Assessment assessment, Path outputDir) throws IOException {
    Files.createDirectories(outputDir);
    Path file = outputDir.resolve(FILE_NAME);
    Files.writeString(file, render(assessment), StandardCharsets.UTF_8);
    return file;
  }

  String render(Assessment assessment) {
    StringBuilder md = new StringBuilder("# Attest compliance summary\n");
    for (Section section : sections) {
      StringBuilder part = new StringBuilder();
      section.render(assessment, part);
      if (!part.isEmpty()) {
        md.append('\n').append(part);
      }
    }
    return md.toString();
  }

  private static void verdict(Assessment assessment, StringBuilder md) {
    Summary s = assessment.summary();
    Gate.Verdict gate = s.gate();
    md.append("**Gate: ").append(gate.verdict().toUpperCase(Locale.ROOT)).append("** (exit ")
        .append(gate.exitCode()).append("): ")
        // Code spans hold only our own option names and severity labels; register ids are escaped.
        .append(String.join("; ", GateReasons.of(assessment, c -> "`" + c + "`", MarkdownReportWriter::escape)))
        .append(".\n\n");
    md.append("Scope: ").append(s.scope().objects()).append(" objects in ").append(s.scope().subscriptions().size())
        .append(" subscription(s). Rule pack ").append(escape(s.rulePack().name())).append(' ')
        .append(escape(s.rulePack().version())).append(" (").append(s.rulePack().rules()).append(" rules, sha256 `")
        .append(escape(abbreviate(s.rulePack().sha256()))).append("`), ").append(escape(s.tool().name())).append(' ')
        .append(escape(s.tool().version())).append(".\n");
  }

  /** A live scan's coverage, first after the verdict: what was not read is what the gate cannot vouch for. */
  private static void coverage(Assessment assessment, StringBuilder md) {
    CollectionCoverage coverage = assessment.summary().coverage();
    if (coverage == null) {
      return;
    }
    Map<String, Integer> byStatus = new java.util.TreeMap<>();
    coverage.scopes().forEach(scope -> byStatus.merge(scope.status(), 1, Integer::sum));
    md.append("## Coverage\n\n").append(coverage.scopes().size()).append(" scope(s): ").append(states(byStatus))
        .append(".\n\n| Scope | Status | Reason |\n|---|---|---|\n");
    for (CollectionCoverage.Scope scope : coverage.scopes()) {
      md.append("| ").append(escape(scope.id())).append(" | ").append(escape(scope.status())).append(" | ")
          .append(escape(scope.reason())).append(" |\n");
    }
    md.append("\n| Read | Reads by status |\n|---|---|\n");
    new java.util.TreeMap<>(coverage.reads()).forEach((read, counts) -> md.append("| ").append(escape(read))
        .append(" | ").append(states(counts)).append(" |\n"));
  }

  /** Azure Policy's second opinion: agreement totals and the resources where it differs, by control. */
  private static void policy(Assessment assessment, StringBuilder md) {
    PolicyOverview policy = assessment.policy();
    if (policy == null) {
      return;
    }
    md.append("## Azure Policy's opinion\n\nAzure Policy states: ").append(escape(policy.status()));
    if (policy.reason() != null) {
      md.append(" (").append(escape(policy.reason())).append(')');
    }
    md.append(". ").append(policy.agree()).append(" resource verdict(s) agree with Attest, ").append(policy.disagree())
        .append(" disagree; ").append(policy.exemptions()).append(" policy exemption(s).\n");
    List<String> rows = new java.util.ArrayList<>();
    for (ControlResult c : assessment.controls()) {
      if (c.policy() == null) {
        continue;
      }
      for (ControlPolicy.Disagreement d : c.policy().disagreements()) {
        rows.add("| " + escape(c.id()) + " | " + escape(d.resourceId()) + " | " + escape(d.attestStatus()) + " | "
            + escape(d.policyState()) + " | " + escape(String.join(", ", d.policyDefinitions())) + " |\n");
      }
    }
    if (!rows.isEmpty()) {
      md.append("\n| Control | Resource | Attest | Azure Policy | Definitions |\n|---|---|---|---|---|\n");
      rows.stream().limit(WORST).forEach(md::append);
      if (rows.size() > WORST) {
        md.append("\nand ").append(rows.size() - WORST).append(" more; findings.json lists them all.\n");
      }
    }
  }

  /** Log evidence per query and workspace; not collected is never met. */
  private static void evidence(Assessment assessment, StringBuilder md) {
    List<EvidenceResult> evidence = assessment.evidence();
    if (evidence == null) {
      return;
    }
    md.append("## Log evidence\n\n");
    if (evidence.isEmpty()) {
      md.append("No Log Analytics workspace in scope: no log evidence collected.\n");
      return;
    }
    Map<String, Integer> byStatus = new java.util.TreeMap<>();
    evidence.forEach(e -> byStatus.merge(e.status(), 1, Integer::sum));
    md.append(states(byStatus)).append(" (never met when not collected).\n\n");
    md.append("| Query | Workspace | Period | Expectation | Status | Rows |\n|---|---|---|---|---|---:|\n");
    for (EvidenceResult e : evidence) {
      md.append("| ").append(escape(e.id() + " " + e.title())).append(" | ").append(escape(e.workspace())).append(" | ")
          .append(escape(e.period())).append(" | ").append(escape(e.expectation())).append(" | ")
          .append(escape(e.status() + (e.reason() == null ? "" : ": " + e.reason()))).append(" | ")
          .append(e.rows() == null ? "" : e.rows() + (Boolean.TRUE.equals(e.truncated()) ? "+" : "")).append(" |\n");
    }
  }

  private static void findings(Assessment assessment, StringBuilder md) {
    Summary s = assessment.summary();
    md.append("## Findings\n\n| Status | Findings |\n|---|---:|\n");
    countRows(s.findingsByStatus(), md);
    md.append("\n| Severity | Failing |\n|---|---:|\n");
    countRows(s.failuresBySeverity(), md);
  }

  private static void controls(Assessment assessment, StringBuilder md) {
    md.append("## Controls\n\n| Status | Controls |\n|---|---:|\n");
    countRows(assessment.summary().controlsByStatus(), md);
    List<ControlResult> failing = assessment.controls().stream()
        .filter(c -> c.status() == ControlStatus.NOT_SATISFIED).toList();
    if (!failing.isEmpty()) {
      md.append("\nNot satisfied: ");
      md.append(String.join(", ", failing.stream().limit(LISTED)
          .map(c -> escape(c.id()) + " " + escape(c.title())).toList()));
      md.append(failing.size() > LISTED ? ", and " + (failing.size() - LISTED) + " more.\n" : ".\n");
    }
  }

  private static void worst(Assessment assessment, StringBuilder md) {
    List<Finding> failing = assessment.findings().stream().filter(f -> f.status() == Status.FAIL)
        .sorted(Comparator.comparing((Finding f) -> Severity.parse(f.severity()).orElse(Severity.INFO))
            .thenComparing(Finding::ruleId).thenComparing(Finding::resourceId))
        .toList();
    md.append("## Worst findings\n\n");
    if (failing.isEmpty()) {
      md.append("No failing findings.\n");
      return;
    }
    if (failing.size() > WORST) {
      md.append("The ").append(WORST).append(" most severe of ").append(failing.size())
          .append(" failing findings; the CSV and JSON reports hold them all.\n\n");
    }
    md.append("| Severity | Rule | Resource | Subscription | Finding |\n|---|---|---|---|---|\n");
    for (Finding f : failing.subList(0, Math.min(WORST, failing.size()))) {
      md.append("| ").append(escape(f.severity())).append(" | ").append(escape(f.ruleId())).append(" | ")
          .append(escape(f.resourceName() != null ? f.resourceName() : f.resourceId())).append(" | ")
          .append(escape(f.subscriptionId())).append(" | ").append(escape(f.message())).append(" |\n");
    }
  }

  /** New, resolved, still open and newly waived findings against the baseline, when one was given. */
  private static void sinceBaseline(Assessment assessment, StringBuilder md) {
    Comparison comparison = assessment.baseline();
    if (comparison == null) {
      return;
    }
    Comparison.Counts counts = comparison.counts();
    md.append("## Since the baseline\n\nCompared with ").append(escape(comparison.describeBaseline())).append(".\n\n")
        .append("| New | Resolved | Still open | Newly waived | Controls changed |\n|---:|---:|---:|---:|---:|\n")
        .append("| ").append(counts.newFindings()).append(" | ").append(counts.resolved()).append(" | ")
        .append(counts.stillOpen()).append(" | ").append(counts.newlyWaived()).append(" | ")
        .append(counts.controlChanges()).append(" |\n");
    List<FindingsSnapshot.Entry> added = comparison.newFindings();
    if (!added.isEmpty()) {
      md.append("\n| New finding | Severity | Rule | Resource |\n|---|---|---|---|\n");
      for (FindingsSnapshot.Entry entry : added.subList(0, Math.min(WORST, added.size()))) {
        md.append("| ").append(escape(entry.title())).append(" | ").append(escape(entry.severity())).append(" | ")
            .append(escape(entry.ruleId())).append(" | ").append(escape(entry.resourceId())).append(" |\n");
      }
      if (added.size() > WORST) {
        md.append("\nand ").append(added.size() - WORST).append(" more new findings.\n");
      }
    }
    if (!comparison.controlChanges().isEmpty()) {
      md.append("\nControls changed: ").append(String.join(", ", comparison.controlChanges().stream().limit(LISTED)
          .map(c -> escape(c.id()) + " " + escape(c.before()) + " → " + escape(c.after())).toList()))
          .append(comparison.controlChanges().size() > LISTED ? ", …\n" : ".\n");
    }
  }

  /** Waiver and attestation states, when registers were given. */
  private static void registers(Assessment assessment, StringBuilder md) {
    Summary s = assessment.summary();
    if (s.waiversByState() == null && s.attestationsByState() == null) {
      return;
    }
    md.append("## Waivers and attestations\n\n");
    if (s.asOf() != null) {
      md.append("As of ").append(escape(s.asOf())).append(".\n\n");
    }
    if (s.waiversByState() != null) {
      md.append("Waivers: ").append(states(s.waiversByState())).append(".\n");
      // The ones that need someone's action are named: expired, about to expire, matching nothing.
      for (WaiverResult w : assessment.waivers()) {
        if (w.state() != WaiverResult.State.ACTIVE) {
          md.append("- ").append(escape(w.waiver().id())).append(": ").append(w.state().label())
              .append(w.waiver().expires() == null ? "" : " (expires " + w.waiver().expires() + ")").append('\n');
        }
      }
    }
    if (s.attestationsByState() != null) {
      md.append("\nAttestations: ").append(states(s.attestationsByState())).append(".\n");
      for (AttestationResult a : assessment.attestations()) {
        if (a.attestation().decision() != null) {
          md.append("- ").append(escape(a.attestation().id())).append(" (").append(a.state()).append("): Addressable ")
              .append(escape(String.join(", ", a.attestation().controls()))).append(": ")
              .append(a.attestation().decision().describe()).append('\n');
        }
      }
    }
  }

  /** Counts by state, sorted by state: coverage read counts come in no fixed order (Map.copyOf). */
  private static String states(Map<String, Integer> counts) {
    return String.join(", ", new java.util.TreeMap<>(counts).entrySet().stream().map(e -> e.getValue() + " " + escape(e.getKey())).toList());
  }

  private static void completeness(Assessment assessment, StringBuilder md) {
    Summary.Completeness completeness = assessment.summary().completeness();
    md.append("## Completeness\n\n");
    if (completeness.complete()) {
      md.append("Complete: every input was read and every check evaluated.\n");
      return;
    }
    md.append("Incomplete: ").append(completeness.problems().size()).append(" input problem(s), ")
        .append(completeness.errors()).append(" check(s) that could not be evaluated (ERROR findings). ")
        .append("The gate cannot vouch for what was not read.\n");
    List<String> problems = completeness.problems();
    if (!problems.isEmpty()) {
      md.append('\n');
      problems.stream().limit(LISTED).forEach(p -> md.append("- ").append(escape(p)).append('\n'));
      if (problems.size() > LISTED) {
        md.append("- and ").append(problems.size() - LISTED).append(" more\n");
      }
    }
  }

  private static void countRows(Map<String, Integer> counts, StringBuilder md) {
    counts.forEach((key, count) -> md.append("| ").append(escape(key)).append(" | ").append(count).append(" |\n"));
  }

  private static String abbreviate(String hash) {
    return hash == null || hash.length() <= 12 ? hash : hash.substring(0, 12);
  }

  /**
   * Text that renders as itself in a Markdown table cell: HTML is entity-escaped (GitHub passes
   * some inline HTML through), Markdown punctuation and the cell separator are backslash-escaped,
   * and line breaks, which would end the table row, become spaces.
   */
  static String escape(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\r', '\n' -> out.append(' ');
        case '\\', '`', '*', '_', '[', ']', '#', '!', '|', '~' -> out.append('\\').append(c);
        // A leading list or heading marker would restructure the line it starts.
        case '-', '+', '=' -> out.append(i == 0 ? "\\" : "").append(c);
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
