package dev.attest.report.sarif;

import dev.attest.assessment.Assessment;
import dev.attest.assessment.CollectionCoverage;
import dev.attest.assessment.ControlResult;
import dev.attest.evidence.EvidenceResult;
import dev.attest.policy.ControlPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a live scan adds to the SARIF run as tool execution notifications, because none of it is a
 * finding about a resource: every coverage entry (a subscription read completely is a {@code note},
 * one read partially, denied or failed an {@code error}; likewise each kind of read), each resource
 * Azure Policy judged otherwise than Attest (a {@code note} at that resource), and each log
 * evidence query ({@code note} when met, {@code warning} when not met, {@code error} when not
 * collected). Each carries its data as properties, with {@code kind} saying which it is.
 */
final class LiveNotifications {
  private LiveNotifications() {}

  static List<Sarif.Notification> of(Assessment assessment) {
    List<Sarif.Notification> notes = new ArrayList<>();
    CollectionCoverage coverage = assessment.summary().coverage();
    if (coverage != null) {
      for (CollectionCoverage.Scope scope : coverage.scopes()) {
        boolean complete = "complete".equals(scope.status());
        Map<String, Object> properties = properties("coverage");
        properties.put("scope", scope.id());
        properties.put("status", scope.status());
        properties.put("reason", scope.reason());
        notes.add(new Sarif.Notification(complete ? "note" : "error", Sarif.Message.text("coverage: " + scope.id()
            + " read " + scope.status() + (scope.reason() == null ? "" : ": " + scope.reason())), List.of(), null,
            properties));
      }
      new TreeMap<>(coverage.reads()).forEach((read, counts) -> {
        Map<String, Integer> sorted = new TreeMap<>(counts);
        boolean complete = sorted.keySet().stream().allMatch("complete"::equals);
        List<String> parts = new ArrayList<>();
        sorted.forEach((status, count) -> parts.add(count + " " + status));
        Map<String, Object> properties = properties("coverage");
        properties.put("read", read);
        properties.put("counts", sorted);
        notes.add(new Sarif.Notification(complete ? "note" : "error",
            Sarif.Message.text("coverage: " + read + " reads: " + String.join(", ", parts)), List.of(), null, properties));
      });
    }
    if (assessment.policy() != null) {
      for (ControlResult c : assessment.controls()) {
        if (c.policy() == null) {
          continue;
        }
        for (ControlPolicy.Disagreement d : c.policy().disagreements()) {
          Map<String, Object> properties = properties("azurePolicy");
          properties.put("control", c.id());
          properties.put("attestStatus", d.attestStatus());
          properties.put("policyState", d.policyState());
          properties.put("policyDefinitions", d.policyDefinitions());
          notes.add(new Sarif.Notification("note", Sarif.Message.text("Azure Policy disagrees on " + c.id() + ": Attest "
              + d.attestStatus() + ", Azure Policy " + d.policyState()),
              List.of(SarifReportWriter.location(null, d.resourceId())), null, properties));
        }
      }
    }
    if (assessment.evidence() != null) {
      for (EvidenceResult e : assessment.evidence()) {
        String level = switch (e.status()) {
          case EvidenceResult.MET -> "note";
          case EvidenceResult.NOT_MET -> "warning";
          default -> "error";
        };
        Map<String, Object> properties = properties("logEvidence");
        properties.put("id", e.id());
        properties.put("workspace", e.workspace());
        properties.put("period", e.period());
        properties.put("status", e.status());
        properties.put("controls", e.controls());
        properties.put("rows", e.rows());
        notes.add(new Sarif.Notification(level, Sarif.Message.text("log evidence " + e.id() + " (" + e.title() + ") in "
            + e.workspace() + ": " + e.status() + (e.reason() == null ? "" : ": " + e.reason())), List.of(), null,
            properties));
      }
    }
    return notes;
  }

  private static Map<String, Object> properties(String kind) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("kind", kind);
    return properties;
  }
}
