package dev.attest.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Azure Policy's second opinion on one control: resources Policy found compliant, non-compliant
 * or exempt under the definitions grouped under the control, how many resources both judged and
 * agreed on, and every resource where they disagree.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlPolicy(int compliant, int nonCompliant, int exempt, int agree, List<Disagreement> disagreements) {

  public ControlPolicy {
    disagreements = List.copyOf(disagreements);
  }

  /** One resource judged differently: Attest's status, Policy's state and the definitions behind it. */
  public record Disagreement(String resourceId, String attestStatus, String policyState, List<String> policyDefinitions) {
    public Disagreement {
      policyDefinitions = List.copyOf(policyDefinitions);
    }
  }
}
