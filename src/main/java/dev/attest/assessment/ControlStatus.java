package dev.attest.assessment;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A control's rolled-up status; never stronger than the control's coverage allows. */
public enum ControlStatus {
  SATISFIED, NOT_SATISFIED, NOT_ASSESSED, ATTESTED, INHERITED, MANUAL;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
