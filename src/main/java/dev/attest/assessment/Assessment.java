package dev.attest.assessment;

import dev.attest.engine.Finding;
import java.util.List;

/**
 * Everything a report renders: the summary, per-control results, the findings, and the metadata
 * of the rules that produced them.
 */
public record Assessment(Summary summary, List<ControlResult> controls, List<Finding> findings,
    List<RuleMetadata> rules) {
  public Assessment {
    controls = List.copyOf(controls);
    findings = List.copyOf(findings);
    rules = List.copyOf(rules);
  }
}
