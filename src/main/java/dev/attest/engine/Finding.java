package dev.attest.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One rule's verdict on one resource, with the evidence that decided it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(
    String id,
    String ruleId,
    String title,
    String resourceId,
    String resourceName,
    String resourceType,
    String subscriptionId,
    Status status,
    String severity,
    String area,
    List<String> controls,
    String message,
    List<Evidence> evidence) {

  public Finding {
    controls = List.copyOf(controls);
    evidence = List.copyOf(evidence);
  }

  public Finding withStatus(Status newStatus, String newMessage) {
    return new Finding(id, ruleId, title, resourceId, resourceName, resourceType, subscriptionId, newStatus,
        severity, area, controls, newMessage, evidence);
  }
}
