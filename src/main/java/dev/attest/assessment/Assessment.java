package dev.attest.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.attest.attestations.AttestationResult;
import dev.attest.baseline.Comparison;
import dev.attest.engine.Finding;
import dev.attest.evidence.EvidenceResult;
import dev.attest.policy.PolicyOverview;
import dev.attest.waivers.WaiverResult;
import java.util.List;

/**
 * Everything a report renders: the summary, per-control results, the findings, the waiver and
 * attestation registers, the baseline comparison, the metadata of the rules behind the
 * findings, and for live scans Azure Policy's overview and the log evidence (so every format renders from the findings file alone).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Assessment(Summary summary, List<ControlResult> controls, List<Finding> findings,
    List<WaiverResult> waivers, List<AttestationResult> attestations, Comparison baseline, List<RuleMetadata> rules,
    PolicyOverview policy, List<EvidenceResult> evidence) {
  public Assessment {
    evidence = evidence == null ? null : List.copyOf(evidence);
    controls = List.copyOf(controls);
    findings = List.copyOf(findings);
    waivers = List.copyOf(waivers);
    attestations = List.copyOf(attestations);
    rules = List.copyOf(rules);
  }

  /** An assessment of a scan that collected neither Azure Policy's states nor log evidence. */
  public Assessment(Summary summary, List<ControlResult> controls, List<Finding> findings, List<WaiverResult> waivers,
      List<AttestationResult> attestations, Comparison baseline, List<RuleMetadata> rules) {
    this(summary, controls, findings, waivers, attestations, baseline, rules, null, null);
  }

  /** An assessment without waivers, attestations, a baseline or rule metadata. */
  public Assessment(Summary summary, List<ControlResult> controls, List<Finding> findings) {
    this(summary, controls, findings, List.of(), List.of(), null, List.of());
  }

  /** The same assessment with these findings (e.g. after waivers applied). */
  public Assessment withFindings(List<Finding> newFindings) {
    return new Assessment(summary, controls, newFindings, waivers, attestations, baseline, rules, policy, evidence);
  }
}
