package dev.attest.assessment;

import java.util.List;
import java.util.Map;

/**
 * Counts and provenance of an assessment: tool and rule-pack version and hash, what was read
 * (with the coverage of a live collection),
 * findings by status, severity and area, controls by status and coverage, completeness, and the
 * gate's verdict. Holds no timestamps, so the same input gives the same bytes.
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record Summary(
    Tool tool,
    RulePackInfo rulePack,
    Scope scope,
    CollectionCoverage coverage,
    Map<String, Integer> findingsByStatus,
    Map<String, Integer> failuresBySeverity,
    Map<String, ControlResult.Counts> findingsByArea,
    Map<String, Integer> controlsByStatus,
    Map<String, Integer> controlsByCoverage,
    Completeness completeness,
    Gate.Verdict gate,
    String asOf,
    Map<String, Integer> waiversByState,
    Map<String, Integer> attestationsByState,
    dev.attest.baseline.Comparison.Counts baseline) {

  /** The tool that produced the assessment. */
  public record Tool(String name, String version) {}

  /** The rule pack used: name, version, SHA-256 over its files, and rule count. */
  public record RulePackInfo(String name, String version, String sha256, int rules) {}

  /** What was read: sources, subscriptions and object count. */
  public record Scope(List<String> sources, List<String> subscriptions, int objects) {
    public Scope {
      sources = List.copyOf(sources);
      subscriptions = List.copyOf(subscriptions);
    }
  }

  /** Whether everything in scope was read and evaluated, and what was not. */
  public record Completeness(boolean complete, int errors, List<String> problems) {
    public Completeness {
      problems = List.copyOf(problems);
    }
  }
}
