package dev.attest.controls;

import java.util.List;

/**
 * One control of a framework: a HIPAA standard or implementation specification, or a HITRUST
 * CSF control, with how Attest can cover it. A HITRUST control also names its control objective
 * ("01.02 Authorized Access to Information Systems") and its requirement statements' references
 * (empty for HIPAA).
 */
public record Control(
    String id,
    String framework,
    String reference,
    String title,
    String group,
    String designation,
    String parent,
    List<String> aliases,
    Coverage coverage,
    String coverageNote,
    String summary,
    String objective,
    List<String> requirements) {

  public Control {
    aliases = List.copyOf(aliases);
    requirements = requirements == null ? List.of() : List.copyOf(requirements);
  }

  /** A control without a HITRUST objective or requirement references. */
  public Control(String id, String framework, String reference, String title, String group, String designation,
      String parent, List<String> aliases, Coverage coverage, String coverageNote, String summary) {
    this(id, framework, reference, title, group, designation, parent, aliases, coverage, coverageNote, summary, null,
        List.of());
  }

  /**
   * Physical safeguards are never satisfied by scanning configuration: HIPAA 164.310 and HITRUST
   * CSF category 08 (Physical and Environmental Security: secure areas, equipment security).
   */
  public boolean isPhysicalSafeguard() {
    return (framework.equals("hipaa") && reference.startsWith("164.310"))
        || (framework.equals("hitrust") && reference.startsWith("08."));
  }
}
