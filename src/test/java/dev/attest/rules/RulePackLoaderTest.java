package dev.attest.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attest.TestPacks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulePackLoaderTest {
  @TempDir
  Path dir;

  private List<String> problems(String ruleText) throws Exception {
    TestPacks.write(dir, Map.of("t/AZ-TST-0001.yaml", ruleText, "t/AZ-TST-0001.fixtures.yaml", "[]"));
    return RulePackLoader.load(dir).problems().stream().map(RuleProblem::describe).toList();
  }

  @Test
  void aValidRuleLoadsWithItsHashAndVersion() throws Exception {
    TestPacks.write(dir, Map.of("t/AZ-TST-0001.yaml",
        TestPacks.rule("AZ-TST-0001", "Microsoft.Storage/storageAccounts", "field: name\nexists: true\n", null),
        "t/AZ-TST-0001.fixtures.yaml", "[]"));
    RulePack pack = RulePackLoader.load(dir);
    assertTrue(pack.valid(), pack.problems().toString());
    assertEquals("9.9.9", pack.version());
    assertEquals(64, pack.hash().length());
    String before = pack.hash();
    Files.writeString(dir.resolve("t/AZ-TST-0001.yaml"),
        TestPacks.rule("AZ-TST-0001", "Microsoft.Storage/storageAccounts", "field: name\nexists: false\n", null));
    assertFalse(before.equals(RulePackLoader.load(dir).hash()), "the hash covers rule content");
  }

  @Test
  void unknownKeysAndOperatorsNameTheFileLineAndColumn() throws Exception {
    String text = TestPacks.rule("AZ-TST-0001", "Microsoft.Storage/storageAccounts",
        "field: properties.x\nequalz: 1\n", "colour: red\n");
    List<String> problems = problems(text);
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("t/AZ-TST-0001.yaml:12:1: unknown key 'colour'")), problems.toString());
    String op = problems.stream().filter(p -> p.contains("equalz")).findFirst().orElseThrow();
    assertTrue(op.startsWith("t/AZ-TST-0001.yaml:15:3: unknown key or operator 'equalz'"), op);
    assertTrue(op.contains("\n      equalz: 1\n      ^"), op);
  }

  @Test
  void anUnquotedFloatDefaultForAStringParameterIsRejected() throws Exception {
    String text = TestPacks.rule("AZ-TST-0001", "Microsoft.Sql/servers",
        "field: properties.minimalTlsVersion\nversionAtLeast: \"[parameters('min')]\"\n",
        "parameters:\n  min: { type: string, default: 1.2 }\n");
    List<String> problems = problems(text);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("default of string parameter 'min' is the number 1.2; quote it (\"1.2\")"),
        problems.get(0));
    String versionAsNumber = TestPacks.rule("AZ-TST-0001", "Microsoft.Sql/servers",
        "field: properties.minimalTlsVersion\nversionAtLeast: 1.2\n", null);
    assertTrue(problems(versionAsNumber).get(0).contains("versionAtLeast takes a quoted version string"));
  }

  @Test
  void unknownControlsPhysicalSafeguardsAndUnknownParametersAreRejected() throws Exception {
    String text = TestPacks.rule("AZ-TST-0001", "Microsoft.Sql/servers",
        "field: properties.x\nequals: \"[parameters('nope')]\"\n", null)
        .replace("controls: [\"hipaa:164.312(e)(1)\"]", "controls: [\"hipaa:164.999\", \"hipaa:164.310(a)(1)\"]");
    List<String> problems = problems(text);
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("unknown control id 'hipaa:164.999'"));
    assertTrue(problems.get(1).contains("is a physical safeguard"));
    assertTrue(problems.get(2).contains("unknown parameter 'nope'"));
  }

  @Test
  void duplicateIdsMissingFixturesAndBadYamlAreAllReported() throws Exception {
    String rule = TestPacks.rule("AZ-TST-0001", "Microsoft.Sql/servers", "field: name\nexists: true\n", null);
    TestPacks.write(dir, Map.of("a/AZ-TST-0001.yaml", rule, "a/AZ-TST-0001.fixtures.yaml", "[]",
        "b/AZ-TST-0001.yaml", rule, "c/AZ-TST-0002.yaml", "id: [unclosed\n"));
    List<String> problems = RulePackLoader.load(dir).problems().stream().map(RuleProblem::describe).toList();
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("b/AZ-TST-0001.yaml:1:5: duplicate rule id AZ-TST-0001 (also in a/AZ-TST-0001.yaml)")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("c/AZ-TST-0002.yaml:1:14: invalid YAML")), problems.toString());
    RulePack only = RulePackLoader.load(TestPacks.write(dir.resolve("p2"), Map.of("a/AZ-TST-0001.yaml", rule)));
    assertTrue(only.problems().get(0).describe().contains("has no fixtures"), only.problems().toString());
  }

  @Test
  void missingRequiredKeysAndBadEnumsAreReported() throws Exception {
    List<String> problems = problems("id: bad-id\nseverity: huge\narea: plumbing\n");
    assertTrue(problems.stream().anyMatch(p -> p.contains("missing required key 'title'")));
    assertTrue(problems.stream().anyMatch(p -> p.contains("rule id 'bad-id' must look like AZ-STG-0001")));
    assertTrue(problems.stream().anyMatch(p -> p.contains("severity must be critical, high")));
    assertTrue(problems.stream().anyMatch(p -> p.contains("unknown area 'plumbing'")));
  }

  @Test
  void anInvalidConditionInsideAllOfOrAnyOfIsReportedWithItsPlace() throws Exception {
    String text = TestPacks.rule("AZ-TST-0001", "Microsoft.Storage/storageAccounts", """
        allOf:
          - field: name
            exists: true
          - anyOf:
              - {field: properties.x, equalz: 3}
              - field: properties.y
                equals: 1
        """, null);
    List<String> problems = problems(text);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("t/AZ-TST-0001.yaml:17:33: unknown key or operator 'equalz'"),
        problems.get(0));
  }

  @Test
  void aKeyRepeatedInOneMappingIsAnErrorWithItsPlace() throws Exception {
    String text = TestPacks.rule("AZ-TST-0001", "Microsoft.Storage/storageAccounts",
        "field: name\nexists: true\n", "severity: low\n");
    List<String> problems = problems(text);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("t/AZ-TST-0001.yaml:12:1: key 'severity' appears twice"), problems.get(0));
  }

  @Test
  void publicAddressesAtLeastTakesAWholeNumber() throws Exception {
    String text = TestPacks.rule("AZ-TST-0001", "Microsoft.Sql/servers/firewallRules",
        "field: properties\npublicAddressesAtLeast: lots\n", null);
    List<String> problems = problems(text);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("publicAddressesAtLeast takes a whole number of addresses"), problems.get(0));
  }

  @Test
  void hitrustPhysicalControlsAreGuardedLikeHipaa164310() throws Exception {
    String hitrust = """
        framework: hitrust
        name: HITRUST CSF
        controls:
          - id: "hitrust:08.b"
            title: Physical Entry Controls
            category: { id: "08", name: "Physical and Environmental Security" }
            coverage: inherited
          - id: "hitrust:08.l"
            title: Secure Disposal or Re-Use of Equipment
            category: { id: "08", name: "Physical and Environmental Security" }
            coverage: partially-automated
          - id: "hitrust:10.g"
            title: Key Management
            category: { id: "10", name: "Information Systems Acquisition, Development, and Maintenance" }
            coverage: partially-automated
        """;
    String rule = TestPacks.rule("AZ-TST-0001", "Microsoft.KeyVault/vaults", "field: name\nexists: true\n", null)
        .replace("controls: [\"hipaa:164.312(e)(1)\"]", "controls: [\"hitrust:10.g\", \"hitrust:08.b\"]");
    TestPacks.write(dir, Map.of("controls/hitrust.yaml", hitrust, "t/AZ-TST-0001.yaml", rule,
        "t/AZ-TST-0001.fixtures.yaml", "[]"));
    List<String> problems = RulePackLoader.load(dir).problems().stream().map(RuleProblem::describe).toList();
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.contains("hitrust:08.l is a physical safeguard and cannot be covered")),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("t/AZ-TST-0001.yaml:11:28:")
        && p.contains("'hitrust:08.b' is a physical safeguard")), problems.toString());
  }
}
