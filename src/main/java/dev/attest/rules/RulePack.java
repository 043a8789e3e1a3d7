package dev.attest.rules;

import dev.attest.controls.ControlCatalog;
import dev.attest.evidence.EvidenceQuery;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The loaded rules and control catalog a scan uses, with the pack's version and content hash
 * (SHA-256 over every rule, catalog and evidence query file), the log evidence queries, and every
 * problem found while loading.
 */
public record RulePack(
    String name,
    String version,
    String hash,
    List<Rule> rules,
    ControlCatalog catalog,
    List<RuleProblem> problems,
    Path root,
    List<EvidenceQuery> evidence) {

  public RulePack {
    rules = List.copyOf(rules);
    evidence = List.copyOf(evidence);
    problems = List.copyOf(problems);
  }

  public Optional<Rule> rule(String id) {
    return rules.stream().filter(r -> r.id().equalsIgnoreCase(id) || r.name().equalsIgnoreCase(id)).findFirst();
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
