package dev.attest.controls;

import java.util.List;

/**
 * One control of a framework: a HIPAA standard or implementation specification, or a HITRUST
 * CSF control, with how Attest can cover it.
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
    String summary) {

  public Control {
    aliases = List.copyOf(aliases);
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
