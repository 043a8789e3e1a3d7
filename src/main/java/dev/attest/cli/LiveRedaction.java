package dev.attest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attest.bundle.Redactor;
import dev.attest.evidence.EvidenceResult;
import dev.attest.policy.Exemption;
import dev.attest.policy.PolicyState;
import dev.attest.policy.PolicyStates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Puts what a live scan reads besides the inventory through the scan's {@link Redactor}, as the
 * inventory is: log evidence rows (each row as an object of its columns, so a secret is caught by
 * its column's name as well as by its shape) and Azure Policy's states and exemptions. Nothing
 * unredacted reaches the assessment, the findings, a saved snapshot or a bundle.
 */
final class LiveRedaction {
  private LiveRedaction() {}

  static List<EvidenceResult> evidence(List<EvidenceResult> results, Redactor redactor) {
    return results.stream().map(r -> new EvidenceResult(r.id(), r.title(), r.controls(), r.workspace(), r.period(),
        r.expectation(), r.status(), redactor.redactValue(r.reason()), r.rows(), r.truncated(), r.columns(),
        r.sample() == null ? null : rows(r.columns(), r.sample(), redactor))).toList();
  }

  private static List<List<String>> rows(List<String> columns, List<List<String>> sample, Redactor redactor) {
    boolean named = columns != null && new HashSet<>(columns).size() == columns.size();
    List<List<String>> redacted = new ArrayList<>();
    for (List<String> row : sample) {
      if (!named || row.size() != columns.size()) {
        redacted.add(row.stream().map(redactor::redactValue).toList());
        continue;
      }
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      for (int i = 0; i < row.size(); i++) {
        object.put(columns.get(i), row.get(i));
      }
      JsonNode clean = redactor.redact(object);
      List<String> cells = new ArrayList<>();
      columns.forEach(c -> cells.add(clean.get(c).isNull() ? null : clean.get(c).asText()));
      redacted.add(cells);
    }
    return redacted;
  }

  static PolicyStates policy(PolicyStates policy, Redactor redactor) {
    List<PolicyState> states = policy.states().stream().map(s -> new PolicyState(redactor.redactValue(s.resourceId()),
        redactor.redactValue(s.policyAssignmentId()), redactor.redactValue(s.policySetDefinitionId()),
        redactor.redactValue(s.policyDefinitionId()), redactor.redactValue(s.complianceState()),
        s.groupNames().stream().map(redactor::redactValue).toList())).toList();
    List<Exemption> exemptions = policy.exemptions().stream().map(e -> new Exemption(redactor.redactValue(e.id()),
        redactor.redactValue(e.name()), redactor.redactValue(e.displayName()), redactor.redactValue(e.scope()),
        redactor.redactValue(e.category()), redactor.redactValue(e.expiresOn()),
        redactor.redactValue(e.policyAssignmentId()),
        e.policyDefinitionReferenceIds().stream().map(redactor::redactValue).toList())).toList();
    return new PolicyStates(policy.status(), redactor.redactValue(policy.reason()), policy.filter(), states, exemptions);
  }
}
