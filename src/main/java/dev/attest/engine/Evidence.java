package dev.attest.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One observation behind a verdict: what was read (a field path, a count, a function), the value
 * observed, what the rule expected, and whether the observation held toward compliance.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String path, JsonNode observed, String note, String expected, boolean held) {

  /** {@code path = value (note); expected …} for messages and text reports. */
  public String describe() {
    StringBuilder text = new StringBuilder(path).append(" = ");
    text.append(observed == null || observed.isMissingNode() ? "absent" : Values.render(observed));
    if (note != null) {
      text.append(" (").append(note).append(')');
    }
    if (expected != null) {
      text.append("; expected ").append(expected);
    }
    return text.toString();
  }
}
