package dev.attest.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One control's status with the counts, rules and failing resources behind it. */
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
    String decision) {

  public ControlResult {
    rules = List.copyOf(rules);
    failingFindings = List.copyOf(failingFindings);
    attestations = List.copyOf(attestations);
  }

  /** Findings by status for one control or one group. */
  public record Counts(int pass, int fail, int error, int notApplicable, int waived) {
    public int evaluated() {
      return pass + fail + error + waived;
    }
  }
}
