package dev.attest.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attest.controls.Coverage;
import dev.attest.engine.FixtureRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The shipped rule pack: valid, broad enough, and every rule's fixtures give their expected outcome. */
class BundledRulesTest {
  private static final RulePack PACK = RulePackLoader.load(Path.of("rules"));

  @Test
  void thePackLoadsWithoutProblems() {
    assertEquals(List.of(), PACK.problems().stream().map(RuleProblem::describe).toList());
  }

  @Test
  void theCatalogCoversAtLeastSixtyRulesAcrossTheSixAreas() {
    assertTrue(PACK.rules().size() >= 60, "rules: " + PACK.rules().size());
    Set<String> areas = PACK.rules().stream().map(Rule::area).collect(Collectors.toCollection(TreeSet::new));
    assertTrue(areas.containsAll(Set.of("network", "tls", "encryption", "private-access", "logging", "identity")),
        areas.toString());
  }

  @Test
  void theControlCatalogHoldsEveryHipaaSecurityRuleCitation() {
    long hipaa = PACK.catalog().controls().stream().filter(c -> c.framework().equals("hipaa")).count();
    assertTrue(hipaa >= 59, "HIPAA controls: " + hipaa);
    assertTrue(PACK.catalog().find("hipaa:164.312(e)(1)").isPresent());
    assertTrue(PACK.catalog().find("hitrust:09.m").isPresent());
    PACK.catalog().controls().stream().filter(c -> c.reference().startsWith("164.310") || c.reference().startsWith("08."))
        .forEach(c -> assertTrue(c.isPhysicalSafeguard() && c.coverage() != Coverage.AUTOMATED
            && c.coverage() != Coverage.PARTIALLY_AUTOMATED, c.id() + " is a physical safeguard"));
    var keyManagement = PACK.catalog().find("hitrust:10.g").orElseThrow();
    assertEquals("Key Management", keyManagement.title());
    assertEquals("Information Systems Acquisition, Development, and Maintenance", keyManagement.group());
    assertTrue(PACK.rules().stream().filter(r -> r.controls().contains("hitrust:10.g")).count() >= 10,
        "the customer-managed-key and Key Vault rules evidence key management");
  }

  @TestFactory
  Stream<DynamicTest> everyFixtureGivesItsExpectedOutcome() {
    FixtureRunner.Report report = new FixtureRunner().run(PACK, PACK.rules());
    Stream<DynamicTest> problems = report.problems().stream()
        .map(p -> DynamicTest.dynamicTest("fixtures file: " + p, () -> assertTrue(false, p)));
    Stream<DynamicTest> cases = report.outcomes().stream().map(o -> DynamicTest.dynamicTest(
        o.ruleId() + " " + o.caseName(),
        () -> assertEquals(o.expected(), o.actual(), o.place() + ": " + o.message())));
    return Stream.concat(problems, cases);
  }
}
