package dev.attest.report;

import dev.attest.assessment.Assessment;
import dev.attest.baseline.Comparison;
import dev.attest.baseline.FindingsSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each finding of an assessment stands against its baseline ({@code new}, {@code still
 * open}, {@code newly waived}, {@code resolved}: failing in the baseline and passing or not
 * applicable now), so that every per-finding format labels findings the same way. Without a
 * baseline every label is null.
 */
public final class SinceBaseline {
  public static final String NEW = "new";
  public static final String STILL_OPEN = "still open";
  public static final String NEWLY_WAIVED = "newly waived";
  public static final String RESOLVED = "resolved";

  private final Map<String, String> labels = new HashMap<>();
  private final boolean compared;

  public SinceBaseline(Assessment assessment) {
    Comparison comparison = assessment.baseline();
    compared = comparison != null;
    if (compared) {
      label(comparison.newFindings(), NEW);
      label(comparison.stillOpen(), STILL_OPEN);
      label(comparison.newlyWaived(), NEWLY_WAIVED);
      label(comparison.resolved(), RESOLVED);
    }
  }

  private void label(List<FindingsSnapshot.Entry> entries, String label) {
    entries.forEach(e -> labels.put(e.id(), label));
  }

  /** Whether the assessment was compared with a baseline at all. */
  public boolean compared() {
    return compared;
  }

  /** The finding's label, or null without a baseline or for a finding in none of the groups. */
  public String of(String findingId) {
    return labels.get(findingId);
  }
}
