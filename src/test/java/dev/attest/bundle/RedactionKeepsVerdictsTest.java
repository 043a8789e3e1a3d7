package dev.attest.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.engine.Engine;
import dev.attest.engine.Finding;
import dev.attest.inventory.ArmObject;
import dev.attest.inventory.DemoTenantSource;
import dev.attest.inventory.InMemorySource;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.inventory.InventorySource;
import dev.attest.rules.Fixtures;
import dev.attest.rules.Rule;
import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
import dev.attest.rules.RuleProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Redaction runs before evaluation, so it must never change a verdict: every fixture of the
 * shipped rule pack and every finding of the demo tenant give the same status and the same
 * evidence with and without it (the rules read configuration such as keySource, keyName and
 * keyVaultUri, never a secret's value).
 */
class RedactionKeepsVerdictsTest {
  private static final RulePack PACK = RulePackLoader.load(Path.of("rules"));
  private final Redactor redactor = new Redactor();

  @Test
  void everyShippedRuleFixtureGivesTheSameOutcomeOnTheRedactedObjects() {
    int cases = 0;
    List<String> changed = new ArrayList<>();
    for (Rule rule : PACK.rules()) {
      Path fixtures = RulePackLoader.fixturesOf(RulePackLoader.fileOf(PACK, rule));
      if (!Files.exists(fixtures)) {
        continue;
      }
      List<RuleProblem> problems = new ArrayList<>();
      for (Fixtures.Case fixture : Fixtures.load(fixtures, fixtures.toString(), problems)) {
        List<JsonNode> objects = new ArrayList<>();
        objects.add(fixture.resource());
        objects.addAll(fixture.related());
        Finding plain = evaluate(rule, fixture, objects, UnaryOperator.identity());
        Finding redacted = evaluate(rule, fixture, objects, s -> new RedactingSource(s, redactor));
        assertEquals(plain.status(), redacted.status(), rule.id() + " " + fixture.name());
        assertEquals(plain.evidence(), redacted.evidence(), rule.id() + " " + fixture.name());
        for (JsonNode object : objects) {
          if (!redactor.redact(object).equals(object)) {
            changed.add(rule.id() + " " + fixture.name());
          }
        }
        cases++;
      }
      assertEquals(List.of(), problems);
    }
    assertTrue(cases > 400, "fixtures run: " + cases);
    // No fixture holds a secret: if one ever does, the outcome check above is what protects it.
    assertEquals(List.of(), changed);
  }

  private Finding evaluate(Rule rule, Fixtures.Case fixture, List<JsonNode> objects,
      UnaryOperator<InventorySource> wrap) {
    List<JsonNode> copies = objects.stream().<JsonNode>map(JsonNode::deepCopy).toList();
    Inventory inventory = new InventoryBuilder().read(wrap.apply(new InMemorySource(fixture.place(), copies))).build();
    ArmObject subject = inventory.get(fixture.resource().path("id").asText(""));
    return new Engine(Map.of(rule.id(), fixture.params())).evaluate(rule, subject, inventory);
  }

  @Test
  void theDemoTenantGivesTheSameFindingsRedactedOrNot() {
    ObjectMapper mapper = new ObjectMapper();
    Inventory plain = new InventoryBuilder().read(new DemoTenantSource(mapper)).build();
    Inventory redacted = new InventoryBuilder().read(new RedactingSource(new DemoTenantSource(mapper), redactor)).build();
    List<Finding> before = new Engine(Map.of()).evaluate(PACK.rules(), plain);
    List<Finding> after = new Engine(Map.of()).evaluate(PACK.rules(), redacted);
    assertEquals(before.size(), after.size());
    for (int i = 0; i < before.size(); i++) {
      assertEquals(before.get(i).status(), after.get(i).status(), before.get(i).id());
      assertEquals(before.get(i).evidence(), after.get(i).evidence(), before.get(i).id());
    }
  }
}
