package dev.attest.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The {@code policy} section of the findings: whether Azure Policy's states were collected (and
 * why not), the filter they were asked for with, states per assigned initiative, the exemptions
 * (count and each one), the agreement totals over controls, and how many non-compliant
 * resources under a control Attest never judged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyOverview(String status, String reason, String filter, List<Initiative> initiatives,
    int exemptions, List<Exemption> exemptionDetails, int agree, int disagree, int nonCompliantNotJudged) {

  public PolicyOverview {
    initiatives = List.copyOf(initiatives);
    // Findings files written before exemptions were recorded one by one lack them.
    exemptionDetails = exemptionDetails == null ? List.of() : List.copyOf(exemptionDetails);
  }

  /** Resources per compliance state for one policy set (or {@code none} for direct assignments). */
  public record Initiative(String policySetDefinitionId, int compliant, int nonCompliant, int exempt, int other) {}
}
