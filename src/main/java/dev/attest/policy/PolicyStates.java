package dev.attest.policy;

import java.util.List;

/**
 * What a live scan learnt from Azure Policy: the latest compliance states and the policy
 * exemptions in scope, with a status: {@code collected}, {@code partial} (some subscriptions
 * could not be read: their resources are simply not compared) or {@code not collected}, and why,
 * and the OData filter the states were asked for with (null: every state). States that were not
 * collected never count as compliant.
 */
public record PolicyStates(String status, String reason, String filter, List<PolicyState> states,
    List<Exemption> exemptions) {
  public static final String COLLECTED = "collected";
  public static final String PARTIAL = "partial";
  public static final String NOT_COLLECTED = "not collected";

  public PolicyStates {
    states = List.copyOf(states);
    exemptions = List.copyOf(exemptions);
  }

  public boolean usable() {
    return !status.equals(NOT_COLLECTED);
  }
}
