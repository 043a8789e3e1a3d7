package dev.attest.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedChildrenTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String RG = "/subscriptions/00000000-0000-0000-0000-0000000000e1/resourceGroups/rg-net";
  private static final String VNET = RG + "/providers/Microsoft.Network/virtualNetworks/vnet-hub";
  private static final String NSG = RG + "/providers/Microsoft.Network/networkSecurityGroups/nsg-app";

  private static ArmObject object(String json) throws Exception {
    return ArmNormalizer.normalize(MAPPER.readTree(json)).object();
  }

  /** A VNet as ARM GET returns it: subnets embedded with their own id, etag, type and properties. */
  private static String vnet(String subnetsJson) {
    return "{\"id\":\"" + VNET + "\",\"name\":\"vnet-hub\",\"type\":\"Microsoft.Network/virtualNetworks\","
        + "\"location\":\"eastus\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10.10.0.0/16\"]},"
        + "\"subnets\":" + subnetsJson + "}}";
  }

  private static final String APP_SUBNET = "{\"id\":\"" + VNET + "/subnets/snet-app\",\"name\":\"snet-app\","
      + "\"etag\":\"W/\\\"1\\\"\",\"type\":\"Microsoft.Network/virtualNetworks/subnets\",\"properties\":{"
      + "\"addressPrefix\":\"10.10.1.0/24\",\"networkSecurityGroup\":{\"id\":\"" + NSG + "\"}}}";

  @Test
  void aVirtualNetworksSubnetsAreChildObjectsShapedAsArmServesThem() throws Exception {
    ArmObject parent = object(vnet("[" + APP_SUBNET + ",{\"name\":\"GatewaySubnet\",\"properties\":{\"addressPrefix\":\"10.10.0.0/27\"}}]"));
    String before = parent.body().toString();
    List<ArmObject> children = EmbeddedChildren.of(parent);
    assertEquals(2, children.size());
    ArmObject app = children.get(0);
    assertEquals(VNET + "/subnets/snet-app", app.id());
    assertEquals("Microsoft.Network/virtualNetworks/subnets", app.type());
    assertEquals("snet-app", app.name());
    assertEquals("W/\"1\"", app.body().path("etag").asText());
    assertEquals(NSG, app.body().at("/properties/networkSecurityGroup/id").asText());
    assertEquals(VNET + "/subnets/GatewaySubnet", children.get(1).id(), "an element without an id gets its ARM id");
    ((ObjectNode) app.body().get("properties")).put("addressPrefix", "changed");
    assertEquals(before, parent.body().toString(), "the parent is not changed and children are copies");
  }

  @Test
  void resourceGraphSpellingsAndOddElementsAreHandledWithoutGuessing() throws Exception {
    String lower = vnet("[{\"id\":\"" + VNET.toLowerCase() + "/subnets/snet-a\",\"name\":\"snet-a\","
        + "\"type\":\"microsoft.network/virtualnetworks/subnets\",\"properties\":{}},"
        + "{\"id\":\"" + RG + "/providers/Microsoft.Network/virtualNetworks/other/subnets/x\",\"name\":\"x\"},"
        + "\"not-an-object\",{\"properties\":{}}]")
        .replace("\"type\":\"Microsoft.Network/virtualNetworks\"", "\"type\":\"microsoft.network/virtualnetworks\"");
    List<ArmObject> children = EmbeddedChildren.of(object(lower));
    assertEquals(1, children.size(), "a foreign id, a non-object and an element with neither id nor name are skipped");
    assertEquals("microsoft.network/virtualnetworks/subnets", children.get(0).type());
    assertTrue(EmbeddedChildren.of(object("{\"id\":\"" + NSG + "\",\"type\":\"Microsoft.Network/networkSecurityGroups\","
        + "\"properties\":{\"securityRules\":[]}}")).isEmpty());
    assertTrue(EmbeddedChildren.of(object("{\"id\":\"" + VNET + "\",\"type\":\"Microsoft.Network/virtualNetworks\","
        + "\"properties\":{}}")).isEmpty());
  }

  @Test
  void theBuilderLinksDerivedSubnetsAndAnExportedSubnetAlwaysWinsSilently() throws Exception {
    JsonNode exported = MAPPER.readTree("{\"id\":\"" + VNET + "/subnets/snet-app\",\"name\":\"snet-app\","
        + "\"type\":\"Microsoft.Network/virtualNetworks/subnets\",\"properties\":{\"addressPrefix\":\"10.10.1.0/24\"}}");
    JsonNode nsg = MAPPER.readTree("{\"id\":\"" + NSG + "\",\"type\":\"Microsoft.Network/networkSecurityGroups\","
        + "\"properties\":{\"securityRules\":[]}}");
    for (boolean exportedFirst : new boolean[] {true, false}) {
      List<JsonNode> order = exportedFirst
          ? List.of(exported, MAPPER.readTree(vnet("[" + APP_SUBNET + "]")), nsg)
          : List.of(MAPPER.readTree(vnet("[" + APP_SUBNET + "]")), exported, nsg);
      Inventory inventory = new InventoryBuilder().read(new InMemorySource("test", order)).build();
      assertTrue(inventory.problems().isEmpty(), inventory.problems().toString());
      ArmObject subnet = inventory.get(VNET + "/subnets/snet-app");
      assertTrue(subnet.body().at("/properties/networkSecurityGroup").isMissingNode(), "the exported copy, not the derived one");
      assertEquals(List.of(subnet), inventory.children(inventory.get(VNET)));
    }
    Inventory derivedOnly = new InventoryBuilder().read(new InMemorySource("test",
        List.of(MAPPER.readTree(vnet("[" + APP_SUBNET + "]")), nsg))).build();
    ArmObject subnet = derivedOnly.get(VNET + "/subnets/snet-app");
    assertEquals(List.of(derivedOnly.get(NSG)), derivedOnly.references(subnet), "the derived subnet references its NSG");
    assertTrue(derivedOnly.referrers(derivedOnly.get(NSG)).contains(subnet), "… and the NSG knows the subnet refers to it");
  }
}
