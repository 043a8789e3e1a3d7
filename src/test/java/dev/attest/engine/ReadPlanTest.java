package dev.attest.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.TestPacks;
import dev.attest.inventory.Retention;
import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the read plan keeps: the paths a rule tests, on the type it tests them on, and no less. */
class ReadPlanTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private Retention plan(String type, String assertYaml) throws Exception {
    TestPacks.write(dir, Map.of("t/AZ-TST-0001.yaml", TestPacks.rule("AZ-TST-0001", type, assertYaml, ""),
        "t/AZ-TST-0001.fixtures.yaml", "[]"));
    RulePack pack = RulePackLoader.load(dir);
    assertTrue(pack.valid(), () -> pack.problems().toString());
    return ReadPlan.of(pack.rules());
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void keepsTheTestedPathsCountedElementsAndTheRelatedTypesOwnPaths() throws Exception {
    Retention retention = plan("Microsoft.Sql/servers", """
        allOf:
          - field: properties.minimalTlsVersion
            equals: "1.2"
          - count:
              field: properties.rules[*]
              where: { field: "properties.rules[*].action", equals: Allow }
            equals: 0
          - count:
              related: children
              type: Microsoft.Sql/servers/databases
              where: { field: properties.status, equals: Online }
            greaterOrEquals: 0
        """);
    JsonNode server = json("{'name':'s','tags':{'a':'b'},'location':'x','properties':{'minimalTlsVersion':'1.0',"
        + "'publicNetworkAccess':'Enabled','rules':[{'name':'r1','action':'Allow','other':1},'plain'],'status':'Online'}}");
    assertEquals(json("{'name':'s','tags':{'a':'b'},'properties':{'minimalTlsVersion':'1.0',"
        + "'rules':[{'name':'r1','action':'Allow'},'plain']}}"), retention.prune("microsoft.sql/servers", server));
    JsonNode database = json("{'name':'d','properties':{'status':'Online','minimalTlsVersion':'1.2'}}");
    assertEquals(json("{'name':'d','properties':{'status':'Online'}}"),
        retention.prune("microsoft.sql/servers/databases", database));
  }

  @Test
  void aFunctionWhoseReadsAreNotDeclaredKeepsItsSubjectWhole() {
    assertEquals(List.of(new NetworkFunctions.Read(null, null)), NetworkFunctions.reads("someFutureFunction", null));
  }
}
