package dev.attest.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.attest.rules.Rule;
import java.util.List;

/**
 * What reports need to know about a rule that a finding does not carry (description,
 * remediation, references), kept in the assessment so every format renders from the findings
 * file alone.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleMetadata(
    String id,
    String name,
    String title,
    String severity,
    String area,
    String description,
    Rule.Remediation remediation,
    List<String> references,
    List<String> controls) {

  public RuleMetadata {
    references = List.copyOf(references);
    controls = List.copyOf(controls);
  }

  /** The metadata of a loaded rule. */
  public static RuleMetadata of(Rule rule) {
    return new RuleMetadata(rule.id(), rule.name(), rule.title(), rule.severity().label(), rule.area(),
        rule.description(), rule.remediation(), rule.references(), rule.controls());
  }
}
