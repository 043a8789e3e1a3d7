package dev.attest.policy;

import java.util.List;

/**
 * What a live scan learnt from Azure Policy: the latest compliance states and the number of
 * policy exemptions in scope, with a status: {@code collected}, {@code partial} (some
 * subscriptions could not be read: their resources are simply not compared) or {@code not
 * collected}, and why. States that were not collected never count as compliant.
 */
public record PolicyStates(String status, String reason, List<PolicyState> states, int exemptions) {
  public static final String COLLECTED = "collected";
  public static final String PARTIAL = "partial";
  public static final String NOT_COLLECTED = "not collected";

  public PolicyStates {
    states = List.copyOf(states);
  }

  public boolean usable() {
    return !status.equals(NOT_COLLECTED);
  }
}
