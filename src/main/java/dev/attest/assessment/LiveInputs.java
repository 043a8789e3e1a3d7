package dev.attest.assessment;

import dev.attest.evidence.EvidenceResult;
import dev.attest.policy.PolicyStates;
import java.util.List;

/**
 * What a live collection adds to an assessment: its coverage, the problems of reads that are not
 * inventory (policy states, log queries), Azure Policy's states (null when not asked for) and
 * the log evidence (null when no reporting period was given).
 */
public record LiveInputs(CollectionCoverage coverage, List<String> problems, PolicyStates policy,
    List<EvidenceResult> evidence) {

  public LiveInputs {
    problems = List.copyOf(problems);
    evidence = evidence == null ? null : List.copyOf(evidence);
  }
}
