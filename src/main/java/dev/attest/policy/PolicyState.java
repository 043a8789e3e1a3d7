package dev.attest.policy;

import java.util.List;

/**
 * One Azure Policy compliance state for one resource under one policy definition of one
 * assignment (a row of Policy Insights' latest query results), reduced to what the comparison
 * with Attest's findings needs.
 */
public record PolicyState(String resourceId, String policyAssignmentId, String policySetDefinitionId,
    String policyDefinitionId, String complianceState, List<String> groupNames) {

  public PolicyState {
    groupNames = groupNames == null ? List.of() : List.copyOf(groupNames);
  }

  /** The definition's short name (the last path segment of its id), as the reports show it. */
  public String definitionName() {
    return policyDefinitionId == null ? "" : policyDefinitionId.substring(policyDefinitionId.lastIndexOf('/') + 1);
  }
}
