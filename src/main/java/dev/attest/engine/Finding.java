package dev.attest.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.attest.inventory.ResourceIds;
import java.util.Comparator;
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
    List<Evidence> evidence,
    String waiver) {

  /** The order of the findings file: rule id, then resource id compared case-insensitively. */
  public static final Comparator<Finding> FILE_ORDER = Comparator.comparing(Finding::ruleId)
      .thenComparing(Finding::resourceId, ResourceIds::compareIgnoringCase);

  public Finding {
    controls = List.copyOf(controls);
    evidence = List.copyOf(evidence);
  }

  /** A finding no waiver covers. */
  public Finding(String id, String ruleId, String title, String resourceId, String resourceName, String resourceType,
      String subscriptionId, Status status, String severity, String area, List<String> controls, String message,
      List<Evidence> evidence) {
    this(id, ruleId, title, resourceId, resourceName, resourceType, subscriptionId, status, severity, area, controls,
        message, evidence, null);
  }

  public Finding withStatus(Status newStatus, String newMessage) {
    return new Finding(id, ruleId, title, resourceId, resourceName, resourceType, subscriptionId, newStatus,
        severity, area, controls, newMessage, evidence, waiver);
  }

  /** This failure, accepted under the named waiver: the evidence stays, the status becomes WAIVED. */
  public Finding waivedBy(String waiverId, String newMessage) {
    return new Finding(id, ruleId, title, resourceId, resourceName, resourceType, subscriptionId, Status.WAIVED,
        severity, area, controls, newMessage, evidence, waiverId);
  }
}
