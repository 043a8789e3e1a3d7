package dev.attest.assessment;

import dev.attest.engine.Finding;
import dev.attest.attestations.AttestationResult;
import dev.attest.baseline.Comparison;
import dev.attest.waivers.WaiverResult;
import java.util.List;

/** Everything a report renders: the summary, per-control results and the findings. */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Assessment(Summary summary, List<ControlResult> controls, List<Finding> findings,
    List<WaiverResult> waivers, List<AttestationResult> attestations, Comparison baseline) {
  public Assessment {
    controls = List.copyOf(controls);
    findings = List.copyOf(findings);
    waivers = List.copyOf(waivers);
    attestations = List.copyOf(attestations);
  }

  /** An assessment without waivers, attestations or a baseline. */
  public Assessment(Summary summary, List<ControlResult> controls, List<Finding> findings) {
    this(summary, controls, findings, List.of(), List.of(), null);
  }
}
