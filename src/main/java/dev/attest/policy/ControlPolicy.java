package dev.attest.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Azure Policy's second opinion on one control: resources Policy found compliant, non-compliant
 * or exempt under the definitions grouped under the control; how many resources both judged and
 * agreed on, with the first {@value #LISTED} of them by id; every resource where they disagree;
 * and the resources Policy found non-compliant that Attest never judged (no rule of the control
 * evaluated them), counted, with the first {@value #LISTED} by id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlPolicy(int compliant, int nonCompliant, int exempt, int agree, List<Agreement> agreements,
    List<Disagreement> disagreements, int nonCompliantNotJudged, List<NotJudged> notJudged) {

  /** How many agreements and unjudged resources a control lists by id (the counts cover all). */
  public static final int LISTED = 50;

  public ControlPolicy {
    // Findings files written before agreements and unjudged resources were recorded lack them.
    agreements = agreements == null ? List.of() : List.copyOf(agreements);
    disagreements = List.copyOf(disagreements);
    notJudged = notJudged == null ? List.of() : List.copyOf(notJudged);
  }

  /** One resource both judged alike: Attest's status (PASS, FAIL, WAIVED) and Policy's state. */
  public record Agreement(String resourceId, String attestStatus, String policyState) {}

  /** One resource judged differently: Attest's status, Policy's state and the definitions behind it. */
  public record Disagreement(String resourceId, String attestStatus, String policyState, List<String> policyDefinitions) {
    public Disagreement {
      policyDefinitions = List.copyOf(policyDefinitions);
    }
  }

  /** A resource Policy found non-compliant under the control and no rule of Attest's evaluated. */
  public record NotJudged(String resourceId, List<String> policyDefinitions) {
    public NotJudged {
      policyDefinitions = List.copyOf(policyDefinitions);
    }
  }
}
