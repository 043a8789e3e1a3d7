package dev.attest.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attest.inventory.ArmObject;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.inventory.InMemorySource;
import dev.attest.rules.Fixtures;
import dev.attest.rules.Rule;
import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
import dev.attest.rules.RuleProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs every rule's fixtures: each case's resource must get the outcome the case expects. */
public final class FixtureRunner {

  /** The outcome of one case. */
  public record Outcome(String ruleId, String caseName, String place, String expected, String actual,
      String message) {
    public boolean passed() {
      return expected.equals(actual);
    }
  }

  /** Outcomes of all cases, plus problems in fixture files, plus rules lacking a pass or fail case. */
  public record Report(List<Outcome> outcomes, List<String> problems) {
    public long failures() {
      return outcomes.stream().filter(o -> !o.passed()).count() + problems.size();
    }
  }

  public Report run(RulePack pack, List<Rule> rules) {
    List<Outcome> outcomes = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Rule rule : rules) {
      Path ruleFile = RulePackLoader.fileOf(pack, rule);
      Path fixtureFile = RulePackLoader.fixturesOf(ruleFile);
      String display = rule.source().replace(".yaml", ".fixtures.yaml");
      if (!Files.exists(fixtureFile)) {
        problems.add(display + ": missing (every rule needs a pass and a fail case)");
        continue;
      }
      List<RuleProblem> fileProblems = new ArrayList<>();
      List<Fixtures.Case> cases = Fixtures.load(fixtureFile, display, fileProblems);
      fileProblems.forEach(p -> problems.add(p.describe()));
      boolean hasPass = cases.stream().anyMatch(c -> c.expect().equals("pass"));
      boolean hasFail = cases.stream().anyMatch(c -> c.expect().equals("fail"));
      if (fileProblems.isEmpty() && (!hasPass || !hasFail)) {
        problems.add(display + ": needs at least one pass and one fail case");
      }
      for (Fixtures.Case fixture : cases) {
        outcomes.add(runCase(rule, fixture));
      }
    }
    return new Report(outcomes, problems);
  }

  private Outcome runCase(Rule rule, Fixtures.Case fixture) {
    List<String> problems = new ArrayList<>();
    InventoryBuilder builder = new InventoryBuilder();
    List<JsonNode> objects = new ArrayList<>();
    objects.add(fixture.resource());
    objects.addAll(fixture.related());
    builder.read(new InMemorySource(fixture.place(), objects));
    Inventory inventory = builder.build();
    inventory.problems().forEach(p -> problems.add(p.describe()));
    ArmObject subject = inventory.get(fixture.resource().path("id").asText(""));
    if (subject == null || !problems.isEmpty()) {
      return new Outcome(rule.id(), fixture.name(), fixture.place(), fixture.expect(), "invalid",
          "the fixture's objects are not valid ARM objects: " + String.join("; ", problems));
    }
    if (!subject.type().equalsIgnoreCase(rule.resourceType())) {
      return new Outcome(rule.id(), fixture.name(), fixture.place(), fixture.expect(), "invalid",
          "the fixture resource is a " + subject.type() + ", the rule evaluates " + rule.resourceType());
    }
    Engine engine = new Engine(Map.of(rule.id(), fixture.params()));
    Finding finding = engine.evaluate(rule, subject, inventory);
    return new Outcome(rule.id(), fixture.name(), fixture.place(), fixture.expect(),
        finding.status().name().toLowerCase(Locale.ROOT), finding.message());
  }

}
