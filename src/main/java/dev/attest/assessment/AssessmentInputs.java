package dev.attest.assessment;

import dev.attest.attestations.Attestation;
import dev.attest.baseline.FindingsSnapshot;
import dev.attest.waivers.Waiver;
import java.time.LocalDate;
import java.util.List;

/**
 * What an assessment weighs besides the findings: the waiver and attestation registers, the date
 * they are judged on, and an optional baseline to compare with.
 */
public record AssessmentInputs(List<Waiver> waivers, List<Attestation> attestations, LocalDate asOf,
    FindingsSnapshot baseline) {

  public AssessmentInputs {
    waivers = List.copyOf(waivers);
    attestations = List.copyOf(attestations);
  }

  /** No waivers, attestations or baseline: the findings are the assessment. */
  public static AssessmentInputs none() {
    return new AssessmentInputs(List.of(), List.of(), null, null);
  }

  /** Whether the date matters to the result (and so is recorded in it). */
  public boolean dated() {
    return !waivers.isEmpty() || !attestations.isEmpty();
  }
}
