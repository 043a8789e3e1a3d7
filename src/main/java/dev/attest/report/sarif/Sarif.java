package dev.attest.report.sarif;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The part of the SARIF 2.1.0 object model that Attest writes, as records serialised by Jackson
 * (names and nesting follow the specification; empty members are left out by the writer).
 */
final class Sarif {
  static final String VERSION = "2.1.0";
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private Sarif() {}

  record Log(@JsonProperty("$schema") String schema, String version, List<Run> runs) {}

  record Run(Tool tool, List<Invocation> invocations, List<Result> results, Map<String, Object> properties) {}

  record Tool(Driver driver) {}

  record Driver(String name, String version, String semanticVersion, List<Rule> rules) {}

  record Rule(String id, String name, Message shortDescription, Message fullDescription,
      Configuration defaultConfiguration, Message help, String helpUri, Map<String, Object> properties) {}

  record Configuration(String level) {}

  /** A message or multiformat message string: plain text and optional Markdown. */
  record Message(String text, String markdown) {
    static Message text(String text) {
      return new Message(text, null);
    }
  }

  record Result(String ruleId, int ruleIndex, String level, Message message, List<Location> locations,
      Map<String, String> partialFingerprints, List<Suppression> suppressions, String baselineState,
      Map<String, Object> properties) {}

  record Location(PhysicalLocation physicalLocation, List<LogicalLocation> logicalLocations) {}

  record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {}

  record ArtifactLocation(String uri) {}

  record Region(int startLine) {}

  record LogicalLocation(String name, String fullyQualifiedName, String kind) {}

  record Suppression(String kind, String status, String justification, Map<String, Object> properties) {}

  record Invocation(boolean executionSuccessful, List<Notification> toolExecutionNotifications) {}

  record Notification(String level, Message message, List<Location> locations, RuleReference associatedRule,
      Map<String, Object> properties) {
    Notification(String level, Message message, List<Location> locations, RuleReference associatedRule) {
      this(level, message, locations, associatedRule, null);
    }
  }

  record RuleReference(String id, int index) {}
}
