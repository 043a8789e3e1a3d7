package dev.attest.baseline;

import java.util.List;

/** A comparison as plain text (terminal) and as Markdown (CI job summary, PR comment). */
public final class ComparisonText {
  /** Findings listed per class; the counts always cover all of them. */
  private static final int LISTED = 50;

  private ComparisonText() {}

  public static String text(Comparison c) {
    StringBuilder out = new StringBuilder();
    Comparison.Counts n = c.counts();
    out.append("Compared with ").append(c.describeBaseline()).append('\n');
    out.append(String.format("%d new, %d resolved, %d still open, %d newly waived, %d control(s) changed status%n",
        n.newFindings(), n.resolved(), n.stillOpen(), n.newlyWaived(), n.controlChanges()));
    section(out, "New", c.newFindings());
    section(out, "Resolved", c.resolved());
    section(out, "Newly waived", c.newlyWaived());
    if (!c.controlChanges().isEmpty()) {
      out.append("Controls that changed status:\n");
      c.controlChanges().forEach(ch -> out.append("  ").append(ch.id()).append(": ").append(ch.before())
          .append(" -> ").append(ch.after()).append('\n'));
    }
    if (!c.waiversExpiredSince().isEmpty()) {
      out.append("Waivers expired since the baseline: ").append(String.join(", ", c.waiversExpiredSince())).append('\n');
    }
    return out.toString();
  }

  private static void section(StringBuilder out, String title, List<FindingsSnapshot.Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    out.append(title).append(":\n");
    entries.stream().limit(LISTED).forEach(e -> out.append(String.format("  %-8s %-12s %s%n",
        e.severity().toUpperCase(java.util.Locale.ROOT), e.ruleId(), e.resourceId())));
    if (entries.size() > LISTED) {
      out.append("  … and ").append(entries.size() - LISTED).append(" more\n");
    }
  }

  public static String markdown(Comparison c) {
    StringBuilder out = new StringBuilder();
    Comparison.Counts n = c.counts();
    out.append("### Change since baseline\n\n").append("Compared with ").append(cell(c.describeBaseline()))
        .append(".\n\n");
    out.append("| new | resolved | still open | newly waived | controls changed |\n|---:|---:|---:|---:|---:|\n");
    out.append(String.format("| %d | %d | %d | %d | %d |%n%n", n.newFindings(), n.resolved(), n.stillOpen(),
        n.newlyWaived(), n.controlChanges()));
    table(out, "New findings", c.newFindings());
    table(out, "Resolved", c.resolved());
    table(out, "Newly waived", c.newlyWaived());
    if (!c.controlChanges().isEmpty()) {
      out.append("#### Controls that changed status\n\n| control | before | after |\n|---|---|---|\n");
      c.controlChanges().forEach(ch -> out.append("| ").append(cell(ch.id())).append(" | ").append(ch.before())
          .append(" | ").append(ch.after()).append(" |\n"));
      out.append('\n');
    }
    if (!c.waiversExpiredSince().isEmpty()) {
      out.append("Waivers expired since the baseline: ").append(cell(String.join(", ", c.waiversExpiredSince())))
          .append("\n");
    }
    return out.toString();
  }

  private static void table(StringBuilder out, String title, List<FindingsSnapshot.Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    out.append("#### ").append(title).append("\n\n| severity | rule | resource |\n|---|---|---|\n");
    entries.stream().limit(LISTED).forEach(e -> out.append("| ").append(cell(e.severity())).append(" | ")
        .append(cell(e.ruleId())).append(" | ").append(cell(e.resourceId())).append(" |\n"));
    if (entries.size() > LISTED) {
      out.append("\n… and ").append(entries.size() - LISTED).append(" more\n");
    }
    out.append('\n');
  }

  /** Markdown-inert text: pipes, backticks, angle brackets and emphasis markers cannot break the table. */
  public static String cell(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`").replace("*", "\\*")
        .replace("_", "\\_").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ");
  }
}
