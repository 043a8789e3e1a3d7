package dev.attest.assessment;

import dev.attest.engine.Finding;
import java.util.List;

/** Everything a report renders: the summary, per-control results and the findings. */
public record Assessment(Summary summary, List<ControlResult> controls, List<Finding> findings) {
  public Assessment {
    controls = List.copyOf(controls);
    findings = List.copyOf(findings);
  }
}
