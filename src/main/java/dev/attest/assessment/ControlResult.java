package dev.attest.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One control's status with the counts, rules and failing resources behind it, and Azure Policy's opinion. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlResult(
    String id,
    String framework,
    String reference,
    String title,
    String designation,
    String coverage,
    ControlStatus status,
    String reason,
    Counts counts,
    List<String> rules,
    List<String> failingFindings,
    List<String> attestations,
    String decision,
    dev.attest.policy.ControlPolicy policy) {

  public ControlResult {
    rules = List.copyOf(rules);
    failingFindings = List.copyOf(failingFindings);
    attestations = List.copyOf(attestations);
  }

  /** The same result with Azure Policy's second opinion on the control. */
  public ControlResult withPolicy(dev.attest.policy.ControlPolicy opinion) {
    return new ControlResult(id, framework, reference, title, designation, coverage, status, reason, counts, rules,
        failingFindings, attestations, decision, opinion);
  }

  /** Findings by status for one control or one group. */
  public record Counts(int pass, int fail, int error, int notApplicable, int waived) {
    public int evaluated() {
      return pass + fail + error + waived;
    }
  }
}
