package dev.attest.report;

import dev.attest.assessment.Assessment;
import dev.attest.assessment.RuleMetadata;
import dev.attest.engine.Finding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rules behind an assessment by id, for formats that describe rules (SARIF, CSV). A findings
 * document without rule metadata still yields one entry per rule id, built from what its
 * findings carry (title, severity, area, controls), so those formats never lose a rule.
 */
public final class RuleIndex {
  private final Map<String, RuleMetadata> rules = new TreeMap<>();

  public RuleIndex(Assessment assessment) {
    assessment.rules().forEach(rule -> rules.put(rule.id(), rule));
    for (Finding finding : assessment.findings()) {
      rules.computeIfAbsent(finding.ruleId(), id -> new RuleMetadata(id, id, finding.title(), finding.severity(),
          finding.area(), null, null, List.of(), finding.controls()));
    }
  }

  /** Every rule, sorted by id. */
  public List<RuleMetadata> all() {
    return List.copyOf(rules.values());
  }

  public Optional<RuleMetadata> find(String id) {
    return Optional.ofNullable(rules.get(id));
  }
}
