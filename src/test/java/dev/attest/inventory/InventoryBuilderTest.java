package dev.attest.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.bundle.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an inventory keeps, how it resolves references, and that reading in parts changes nothing. */
class InventoryBuilderTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String RG = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg";
  private static final String NIC = RG + "/providers/Microsoft.Network/networkInterfaces/nic1";
  private static final String NSG = RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg1";
  private static final String VNET = RG + "/providers/Microsoft.Network/virtualNetworks/vnet1";
  private static final String SITE = RG + "/providers/Microsoft.Web/sites/app1";

  @TempDir
  Path dir;

  private static List<JsonNode> objects(String... json) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String text : json) {
      nodes.add(MAPPER.readTree(text.replace('\'', '"')));
    }
    return nodes;
  }

  private static Inventory lean(Retention retention, String... json) throws Exception {
    return new InventoryBuilder(retention, new Redactor()::redactOwned)
        .read(new InMemorySource("test", objects(json))).build();
  }

  @Test
  void keepsOnlyThePlannedFieldsWithNameAndTags() throws Exception {
    Retention retention = Retention.builder().keep("Microsoft.Web/sites", List.of("properties", "httpsOnly")).build();
    Inventory inventory = lean(retention, "{'id':'" + SITE + "','type':'Microsoft.Web/sites','name':'app1','location':'x',"
        + "'tags':{'env':'prod'},'properties':{'httpsOnly':false,'hostNames':['a.example'],'siteConfig':{'x':1}}}");
    JsonNode body = inventory.get(SITE.toUpperCase()).body();
    assertEquals(MAPPER.readTree("{\"name\":\"app1\",\"tags\":{\"env\":\"prod\"},\"properties\":{\"httpsOnly\":false}}"),
        body);
    assertThrows(IllegalStateException.class, inventory::objects, "a lean inventory cannot be copied into a bundle");
  }

  @Test
  void keepsWhatRedactionReadsBesideAKeptValueSoTheKeptPartIsRedactedAsTheWholeWouldBe() throws Exception {
    // The value is a secret because of its sibling name, which the rules do not read.
    Retention.Builder plan = Retention.builder()
        .keep("Microsoft.Web/sites", List.of("properties", "appSettings", FieldTree.ELEMENTS, "value"));
    String site = "{'id':'" + SITE + "','type':'Microsoft.Web/sites','properties':{'appSettings':"
        + "[{'name':'DB_PASSWORD','value':'hunter2-hunter2','slotSetting':false},{'name':'REGION','value':'eastus'}]}}";
    JsonNode settings = lean(Redactor.keepingPairs(plan).build(), site).get(SITE).body().path("properties")
        .path("appSettings");
    assertEquals(Redactor.REDACTED, settings.get(0).path("value").asText());
    assertEquals("DB_PASSWORD", settings.get(0).path("name").asText(), "kept beside the value for its redaction");
    assertFalse(settings.get(0).has("slotSetting"), "nothing else is kept");
    assertEquals("eastus", settings.get(1).path("value").asText());
  }

  @Test
  void resolvesReferencesToTheNearestResourceAndOnlyForFollowedTypes() throws Exception {
    Retention retention = Retention.builder().followReferences("Microsoft.Network/networkInterfaces").build();
    Inventory inventory = lean(retention,
        "{'id':'" + NIC + "','type':'Microsoft.Network/networkInterfaces','properties':{'networkSecurityGroup':{'id':'"
            + NSG.toLowerCase() + "'},'ipConfigurations':[{'id':'" + NIC + "/ipConfigurations/ip1','properties':{'subnet':"
            + "{'id':'" + VNET + "/subnets/missing'}}}]}}",
        "{'id':'" + NSG + "','type':'Microsoft.Network/networkSecurityGroups','properties':{'x':'" + NIC + "'}}",
        "{'id':'" + VNET + "','type':'Microsoft.Network/virtualNetworks','properties':{}}");
    ArmObject nic = inventory.get(NIC);
    // The NSG by its lower-cased id, the subnet's VNet as its nearest ancestor; the NIC's own IP configuration is itself.
    assertEquals(List.of(NSG, VNET), inventory.references(nic).stream().map(ArmObject::id).toList());
    assertEquals(List.of(NIC), inventory.referrers(inventory.get(NSG)).stream().map(ArmObject::id).toList());
    // NSGs' references are not followed by this plan.
    assertEquals(List.of(), inventory.references(inventory.get(NSG)));
  }

  @Test
  void anExportedSubnetReplacesTheDerivedCopySilentlyButConflictingCopiesAreProblems() throws Exception {
    String subnet = VNET + "/subnets/snet1";
    Inventory inventory = new InventoryBuilder().read(new InMemorySource("test", objects(
        "{'id':'" + VNET + "','type':'Microsoft.Network/virtualNetworks','properties':{'subnets':[{'id':'" + subnet
            + "','name':'snet1','properties':{'addressPrefix':'10.0.0.0/24'}}]}}",
        "{'id':'" + subnet + "','type':'Microsoft.Network/virtualNetworks/subnets','name':'snet1',"
            + "'properties':{'addressPrefix':'10.0.0.0/24','networkSecurityGroup':{'id':'" + NSG + "'}}}",
        "{'id':'" + NSG + "','type':'Microsoft.Network/networkSecurityGroups','properties':{}}",
        "{'id':'" + NSG.toUpperCase() + "','type':'Microsoft.Network/networkSecurityGroups','properties':{'other':1}}")))
        .build();
    assertEquals(3, inventory.size());
    assertTrue(inventory.get(subnet).body().path("properties").has("networkSecurityGroup"), "the exported copy is kept");
    assertEquals(1, inventory.problems().size(), inventory.problems().toString());
    assertTrue(inventory.problems().get(0).describe().startsWith("test:4:1: duplicate id " + NSG.toUpperCase()
        + " with different content (first read at test:3)"), inventory.problems().get(0).describe());
  }

  @Test
  void readingAFolderInPartsGivesTheSameInventoryAsReadingItInOne() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      Path file = dir.resolve(String.format("part-%02d.jsonl", i));
      lines.setLength(0);
      for (int j = 0; j < 25; j++) {
        String id = RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg-" + ((i * 25 + j) % 990);
        lines.append("{\"id\":\"").append(id).append("\",\"type\":\"Microsoft.Network/networkSecurityGroups\",")
            .append("\"properties\":{\"n\":").append(j % 3 == 0 ? i : 0).append("}}\n");
      }
      lines.append(i % 7 == 0 ? "{broken\n" : "\n");
      Files.writeString(file, lines);
    }
    SnapshotSource source = new SnapshotSource(List.of(dir), MAPPER);
    assertTrue(source.parts().size() > 1);
    Inventory parallel = new InventoryBuilder().read(source).build();
    InventoryBuilder sequential = new InventoryBuilder();
    source.readInto(sequential);
    Inventory inOne = sequential.build();
    assertEquals(990, parallel.size());
    assertEquals(inOne.problems(), parallel.problems());
    assertFalse(parallel.problems().isEmpty());
    List<String> ids = parallel.ofType("microsoft.network/networksecuritygroups").stream().map(ArmObject::id).toList();
    assertEquals(inOne.ofType("Microsoft.Network/networkSecurityGroups").stream().map(ArmObject::id).toList(), ids);
    for (String id : ids) {
      assertEquals(inOne.get(id).body(), parallel.get(id).body(), id);
    }
  }

  @Test
  void childrenExtensionsAndDescendantsComeFromTheSortedIds() throws Exception {
    String server = RG + "/providers/Microsoft.Sql/servers/sql1";
    Inventory inventory = lean(Retention.builder().build(),
        "{'id':'" + server + "','type':'Microsoft.Sql/servers','properties':{}}",
        "{'id':'" + server + "-dr','type':'Microsoft.Sql/servers','properties':{}}",
        "{'id':'" + server + "/databases/db1','type':'Microsoft.Sql/servers/databases','properties':{}}",
        "{'id':'" + server + "/DATABASES/db2','type':'microsoft.sql/servers/databases','properties':{}}",
        "{'id':'" + server + "/databases/db1/transparentDataEncryption/current','type':"
            + "'Microsoft.Sql/servers/databases/transparentDataEncryption','properties':{}}",
        "{'id':'" + server + "/providers/Microsoft.Insights/diagnosticSettings/d1','type':"
            + "'Microsoft.Insights/diagnosticSettings','properties':{}}");
    ArmObject sql = inventory.get(server);
    assertEquals(List.of("db1", "db2"), inventory.children(sql, "Microsoft.Sql/servers/databases").stream()
        .map(ArmObject::name).toList());
    assertEquals(3, inventory.children(sql).size(), "two databases and the diagnostic setting");
    assertEquals(List.of("d1"), inventory.extensions(sql, "microsoft.insights/diagnosticsettings").stream()
        .map(ArmObject::name).toList());
    assertEquals(4, inventory.descendants(sql).size());
    assertEquals(server, inventory.parent(inventory.get(server + "/databases/db1")).id());
    assertNull(inventory.get(server + "/databases/db3"));
  }

  @Test
  void theDefaultBuilderKeepsEverythingAsRead() throws Exception {
    UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> none = UnaryOperator.identity();
    Inventory inventory = new InventoryBuilder(Retention.everything(), none).read(new InMemorySource("t", objects(
        "{'id':'" + SITE + "','type':'Microsoft.Web/sites','properties':{'a':{'b':[1,2.5,true,null]}}}"))).build();
    assertEquals(MAPPER.readTree("{\"id\":\"" + SITE + "\",\"type\":\"Microsoft.Web/sites\",\"properties\":{\"a\":{\"b\":"
        + "[1,2.5,true,null]}}}"), inventory.objects().iterator().next().body());
  }
}
