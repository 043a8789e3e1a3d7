package dev.attest.rules;

import dev.attest.controls.ControlCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The loaded rules and control catalog a scan uses, with the pack's version and content hash
 * (SHA-256 over every rule and catalog file), and every problem found while loading.
 */
public record RulePack(
    String name,
    String version,
    String hash,
    List<Rule> rules,
    ControlCatalog catalog,
    List<RuleProblem> problems,
    Path root) {

  public RulePack {
    rules = List.copyOf(rules);
    problems = List.copyOf(problems);
  }

  public Optional<Rule> rule(String id) {
    return rules.stream().filter(r -> r.id().equalsIgnoreCase(id) || r.name().equalsIgnoreCase(id)).findFirst();
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
