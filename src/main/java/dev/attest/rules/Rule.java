package dev.attest.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** One declarative rule as loaded from its YAML file. */
public record Rule(
    String id,
    String name,
    String title,
    Severity severity,
    String area,
    String resourceType,
    String description,
    String rationale,
    Remediation remediation,
    List<String> references,
    List<String> controls,
    Map<String, Parameter> parameters,
    Condition where,
    Condition assertion,
    String source) {

  public Rule {
    references = List.copyOf(references);
    controls = List.copyOf(controls);
    parameters = Map.copyOf(parameters);
  }

  /** How to fix a failing resource: prose plus optional az CLI and Bicep snippets. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Remediation(String text, String az, String bicep) {}
}
