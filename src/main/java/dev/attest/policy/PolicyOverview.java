package dev.attest.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The {@code policy} section of the findings: whether Azure Policy's states were collected (and
 * why not), states per assigned initiative, exemptions, and the agreement totals over controls.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyOverview(String status, String reason, List<Initiative> initiatives, int exemptions, int agree,
    int disagree) {

  public PolicyOverview {
    initiatives = List.copyOf(initiatives);
  }

  /** Resources per compliance state for one policy set (or {@code none} for direct assignments). */
  public record Initiative(String policySetDefinitionId, int compliant, int nonCompliant, int exempt, int other) {}
}
