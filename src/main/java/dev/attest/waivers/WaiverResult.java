package dev.attest.waivers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** One waiver of the register as of the assessment date: its state and how many findings it covers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WaiverResult(Waiver waiver, State state, int waivedFindings, int uncoveredFindings) {

  /** Active, active but expiring within the notice period, expired, or active but matching nothing. */
  public enum State {
    ACTIVE, EXPIRING_SOON, EXPIRED, UNUSED;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
