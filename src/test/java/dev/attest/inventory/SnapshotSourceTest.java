package dev.attest.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotSourceTest {
  private static final String SUB = "/subscriptions/00000000-0000-0000-0000-0000000000aa";
  private static final String RG = SUB + "/resourceGroups/rg";

  @TempDir
  Path dir;

  private Inventory read(Path... paths) {
    return new InventoryBuilder().read(new SnapshotSource(List.of(paths), new ObjectMapper())).build();
  }

  private Path file(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  private static String storage(String name) {
    return "{\"id\":\"" + RG + "/providers/Microsoft.Storage/storageAccounts/" + name + "\","
        + "\"type\":\"Microsoft.Storage/storageAccounts\",\"name\":\"" + name + "\",\"properties\":{}}";
  }

  @Test
  void readsEveryExportShapeFromAFolder() throws Exception {
    file("a/array.json", "[" + storage("a1") + "," + storage("a2") + "]");
    file("b/graph.json", "{\"count\":1,\"data\":[" + storage("g1") + "],\"skip_token\":null}");
    file("b/graph-plain.json", "{\"data\":[" + storage("g2") + "]}");
    file("c/list.json", "{\"value\":[" + storage("v1") + "],\"nextLink\":null}");
    file("d/lines.jsonl", storage("l1") + "\n\n" + storage("l2") + "\n");
    file("e/single.json", storage("s1"));
    file("e/notes.txt", "ignored");
    Inventory inventory = read(dir);
    assertEquals(8, inventory.size(), inventory.problems().toString());
    assertTrue(inventory.problems().isEmpty());
  }

  @Test
  void foldsFlattenedAzListOutputBackUnderProperties() throws Exception {
    Path f = file("az.json", "[{\"id\":\"" + RG + "/providers/Microsoft.Sql/servers/sql1\",\"type\":\"Microsoft.Sql/servers\","
        + "\"name\":\"sql1\",\"location\":\"eastus2\",\"resourceGroup\":\"rg\",\"minimalTlsVersion\":\"1.0\","
        + "\"publicNetworkAccess\":\"Enabled\",\"tags\":{\"env\":\"prod\"}}]");
    ArmObject sql = read(f).get(RG + "/providers/Microsoft.Sql/servers/sql1");
    assertEquals("1.0", sql.body().path("properties").path("minimalTlsVersion").asText());
    assertEquals("Enabled", sql.body().path("properties").path("publicNetworkAccess").asText());
    assertEquals("eastus2", sql.body().path("location").asText());
    assertEquals("prod", sql.body().path("tags").path("env").asText());
    assertTrue(sql.body().path("properties").path("resourceGroup").isMissingNode());
  }

  @Test
  void badElementsAreReportedWithFileAndPlaceAndTheRestIsKept() throws Exception {
    Path f = file("bad.json", "[\n" + storage("ok1") + ",\n\"just a string\",\n{\"name\":\"no-id\"},\n"
        + "{\"id\":\"" + RG + "/x\"},\n" + storage("ok2") + "\n]");
    Inventory inventory = read(f);
    assertEquals(2, inventory.size());
    List<String> problems = inventory.problems().stream().map(SourceProblem::describe).toList();
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(f + ":3:1: element 2 is a string"), problems.get(0));
    assertTrue(problems.get(1).startsWith(f + ":4:1: element 3 ARM object has no string \"id\""), problems.get(1));
    assertTrue(problems.get(2).contains("has no string \"type\""), problems.get(2));
  }

  @Test
  void malformedJsonKeepsWhatWasReadBeforeTheError() throws Exception {
    Path f = file("broken.json", "[" + storage("ok1") + ",\n{\"id\": oops}]");
    Path good = file("good.json", "[" + storage("ok2") + "]");
    Inventory inventory = read(f, good);
    assertEquals(2, inventory.size());
    SourceProblem problem = inventory.problems().get(0);
    assertEquals(f.toString(), problem.file());
    assertEquals(2, problem.line());
    assertTrue(problem.message().startsWith("malformed JSON"), problem.message());
  }

  @Test
  void jsonLinesReportsTheLineOfABadRecord() throws Exception {
    Path f = file("x.jsonl", storage("ok1") + "\n{broken\n" + storage("ok2") + "\n[1,2]\n");
    Inventory inventory = read(f);
    assertEquals(2, inventory.size());
    assertEquals(2, inventory.problems().size());
    assertEquals(2, inventory.problems().get(0).line());
    assertEquals(4, inventory.problems().get(1).line());
  }

  @Test
  void missingFilesAndDuplicateIdsWithDifferentContentAreProblems() throws Exception {
    Path a = file("a.json", "[" + storage("dup") + "]");
    Path b = file("b.json", "[" + storage("dup").replace("\"properties\":{}", "\"properties\":{\"x\":1}") + "]");
    Path same = file("c.json", "[" + storage("dup") + "]");
    Inventory inventory = read(a, b, same, dir.resolve("nope.json"));
    assertEquals(1, inventory.size());
    List<String> problems = inventory.problems().stream().map(SourceProblem::describe).toList();
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith(b + ":1:1: duplicate id"), problems.get(0));
    assertTrue(problems.get(1).endsWith("nope.json: does not exist"), problems.get(1));
  }

  @Test
  void linksParentsChildrenExtensionsAndReferences() throws Exception {
    String server = RG + "/providers/Microsoft.Sql/servers/sql1";
    Path f = file("graph.json", "[{\"id\":\"" + server + "\",\"type\":\"Microsoft.Sql/servers\",\"properties\":{}},"
        + "{\"id\":\"" + server + "/databases/db1\",\"type\":\"Microsoft.Sql/servers/databases\",\"properties\":{}},"
        + "{\"id\":\"" + server + "/databases/db1/transparentDataEncryption/current\","
        + "\"type\":\"Microsoft.Sql/servers/databases/transparentDataEncryption\",\"properties\":{\"state\":\"Enabled\"}},"
        + "{\"id\":\"" + server + "/providers/Microsoft.Insights/diagnosticSettings/d1\","
        + "\"type\":\"Microsoft.Insights/diagnosticSettings\",\"properties\":{\"workspaceId\":\"" + RG
        + "/providers/Microsoft.OperationalInsights/workspaces/law\"}},"
        + "{\"id\":\"" + RG + "/providers/Microsoft.OperationalInsights/workspaces/law\","
        + "\"type\":\"microsoft.operationalinsights/workspaces\",\"properties\":{}},"
        + "{\"id\":\"" + SUB + "/providers/Microsoft.Authorization/roleAssignments/ra1\","
        + "\"type\":\"Microsoft.Authorization/roleAssignments\",\"properties\":{}},"
        + "{\"id\":\"" + SUB + "\",\"type\":\"Microsoft.Resources/subscriptions\",\"properties\":{}}]");
    Inventory inventory = read(f);
    ArmObject sql = inventory.get(server);
    ArmObject db = inventory.get(server + "/databases/db1");
    assertEquals(List.of(db.id()), inventory.children(sql).stream().filter(c -> c.type().endsWith("databases"))
        .map(ArmObject::id).toList());
    assertEquals(sql, inventory.parent(db));
    assertEquals(1, inventory.children(db).size());
    ArmObject setting = inventory.extensions(sql).get(0);
    assertEquals(sql, inventory.scope(setting));
    ArmObject law = inventory.get(RG + "/providers/Microsoft.OperationalInsights/workspaces/law");
    assertEquals(List.of(setting), inventory.referrers(law));
    assertEquals(List.of(law), inventory.references(setting));
    ArmObject subscription = inventory.get(SUB);
    assertNotNull(subscription);
    assertEquals(1, inventory.extensions(subscription).size());
    assertEquals(6, inventory.descendants(subscription).size());
  }

  @Test
  void aDanglingLinkInAFolderIsReportedAndUpperCaseExtensionsAreRead() throws Exception {
    file("exports/NSGS.JSON", "[" + storage("upper") + "]");
    file("exports/LINES.NDJSON", storage("lines") + "\n");
    Files.createSymbolicLink(dir.resolve("exports/gone.json"), dir.resolve("nowhere/gone.json"));
    Inventory inventory = read(dir.resolve("exports"));
    assertEquals(2, inventory.size(), "upper-case .JSON and .NDJSON files are snapshot files");
    assertEquals(1, inventory.problems().size(), inventory.problems().toString());
    assertEquals(dir.resolve("exports/gone.json") + ": is a symbolic link whose target does not exist",
        inventory.problems().get(0).describe());
  }
}
