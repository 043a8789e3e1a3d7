package dev.attest.baseline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two assessments compared finding by finding (finding ids are stable): what is new, resolved,
 * still open and newly waived; which controls changed status; which waivers expired in between.
 */
public record Comparison(
    String baseline,
    FindingsSnapshot.Origin baselineSource,
    Counts counts,
    List<FindingsSnapshot.Entry> newFindings,
    List<FindingsSnapshot.Entry> resolved,
    List<FindingsSnapshot.Entry> stillOpen,
    List<FindingsSnapshot.Entry> newlyWaived,
    List<ControlChange> controlChanges,
    List<String> waiversExpiredSince) {

  /** How many findings fall in each class. */
  public record Counts(int newFindings, int resolved, int stillOpen, int newlyWaived, int controlChanges) {}

  /** A control whose rolled-up status differs between the two assessments. */
  public record ControlChange(String id, String before, String after) {}

  public static Comparison between(FindingsSnapshot before, FindingsSnapshot after) {
    List<FindingsSnapshot.Entry> added = new ArrayList<>();
    List<FindingsSnapshot.Entry> resolved = new ArrayList<>();
    List<FindingsSnapshot.Entry> open = new ArrayList<>();
    List<FindingsSnapshot.Entry> waived = new ArrayList<>();
    for (FindingsSnapshot.Entry now : after.findings().values()) {
      FindingsSnapshot.Entry then = before.findings().get(now.id());
      boolean failedBefore = then != null && then.status().equals("FAIL");
      if (now.status().equals("FAIL")) {
        (failedBefore ? open : added).add(now);
      } else if (now.status().equals("WAIVED") && failedBefore) {
        waived.add(now);
      } else if (failedBefore && now.status().equals("ERROR")) {
        // Fail closed: a failure that could not be evaluated this time is not shown to be gone.
        open.add(now);
      } else if (failedBefore) {
        resolved.add(now);
      }
    }
    for (FindingsSnapshot.Entry then : before.findings().values()) {
      if (then.status().equals("FAIL") && !after.findings().containsKey(then.id())) {
        // The resource or the rule is gone: the failure no longer exists.
        resolved.add(then);
      }
    }
    List<ControlChange> changes = new ArrayList<>();
    for (Map.Entry<String, String> control : after.controls().entrySet()) {
      String was = before.controls().get(control.getKey());
      if (was != null && !was.equals(control.getValue())) {
        changes.add(new ControlChange(control.getKey(), was, control.getValue()));
      }
    }
    Set<String> expired = new TreeSet<>();
    after.waivers().forEach((id, state) -> {
      String was = before.waivers().get(id);
      if (state.equals("expired") && was != null && !was.equals("expired")) {
        expired.add(id);
      }
    });
    return new Comparison(before.identity(), before.origin(),
        new Counts(added.size(), resolved.size(), open.size(), waived.size(), changes.size()),
        added, resolved, open, waived, changes, List.copyOf(expired));
  }

  /**
   * The baseline in words: {@code bundle demo-20250331T235958Z (made …, period 2025-Q1, signed by
   * SHA256:…; attest 0.1.0, rule pack attest-azure-hipaa 0.1.0 sha256 0e741a370a99), sha256:…}, or
   * the findings file's name; just the SHA-256 for a comparison recorded without its source.
   */
  @JsonIgnore
  public String describeBaseline() {
    FindingsSnapshot.Origin o = baselineSource;
    if (o == null) {
      return baseline;
    }
    StringBuilder text = new StringBuilder(o.kind().equals(FindingsSnapshot.Origin.BUNDLE) ? "bundle " : "")
        .append(o.name());
    List<String> made = new ArrayList<>();
    if (o.createdAt() != null) {
      made.add("made " + o.createdAt());
    }
    if (o.period() != null) {
      made.add("period " + o.period());
    }
    if (o.kind().equals(FindingsSnapshot.Origin.BUNDLE)) {
      made.add(o.signedBy() == null ? "unsigned" : "signed by " + o.signedBy());
    }
    List<String> by = new ArrayList<>();
    if (o.tool() != null) {
      by.add(o.tool().name() + " " + o.tool().version());
    }
    if (o.rulePack() != null) {
      by.add("rule pack " + o.rulePack().name() + " " + o.rulePack().version() + (o.rulePack().sha256() == null ? ""
          : " sha256 " + o.rulePack().sha256().substring(0, Math.min(12, o.rulePack().sha256().length()))));
    }
    String inside = String.join(", ", made) + (!made.isEmpty() && !by.isEmpty() ? "; " : "") + String.join(", ", by);
    if (!inside.isEmpty()) {
      text.append(" (").append(inside).append(')');
    }
    return baseline.equals(o.name()) ? text.toString() : text.append(", ").append(baseline).toString();
  }

  /** Ids of the findings that are new since the baseline (what --fail-on-new gates on). */
  @JsonIgnore
  public Set<String> newFindingIds() {
    Set<String> ids = new TreeSet<>();
    newFindings.forEach(e -> ids.add(e.id()));
    return ids;
  }
}
