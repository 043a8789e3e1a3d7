package dev.attest.policy;

import java.util.List;

/**
 * What a live scan learnt from Azure Policy: the latest compliance states and the number of
 * policy exemptions in scope, or, when a read failed, why they were not collected. States that
 * were not collected never count as compliant.
 */
public record PolicyStates(boolean collected, String reason, List<PolicyState> states, int exemptions) {

  public PolicyStates {
    states = List.copyOf(states);
  }

  /** Azure Policy's opinion could not be read; {@code reason} says why. */
  public static PolicyStates notCollected(String reason, List<PolicyState> partial, int exemptions) {
    return new PolicyStates(false, reason, partial, exemptions);
  }
}
