package dev.attest.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Realistic {@code az <service> list} outputs folded back into the ARM REST shape. */
class ArmNormalizerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Every object of a tricky snapshot file, normalised, by name. */
  private static Map<String, JsonNode> normalised(String file) throws Exception {
    Map<String, JsonNode> byName = new HashMap<>();
    try (InputStream in = ArmNormalizerTest.class.getResourceAsStream("/tricky/" + file)) {
      for (JsonNode element : MAPPER.readTree(in)) {
        ArmObject object = ArmNormalizer.normalize(element.deepCopy()).object();
        byName.put(object.name(), object.body());
      }
    }
    return byName;
  }

  @Test
  void nsgListFoldsEachSecurityRuleUnderItsOwnProperties() throws Exception {
    JsonNode nsg = normalised("az-network-nsg-list.json").get("nsg-az-flat");
    JsonNode rule = nsg.at("/properties/securityRules/0");
    assertEquals("AllowAnyInbound", rule.path("name").asText());
    assertEquals("Microsoft.Network/networkSecurityGroups/securityRules", rule.path("type").asText());
    assertEquals("Inbound", rule.at("/properties/direction").asText());
    assertEquals("Internet", rule.at("/properties/sourceAddressPrefix").asText());
    assertEquals(100, rule.at("/properties/priority").asInt());
    assertFalse(rule.has("direction"), "nothing of the rule stays beside its properties");
    assertEquals("Deny", nsg.at("/properties/defaultSecurityRules/1/properties/access").asText());
    // a bare reference has nothing to fold
    JsonNode nic = nsg.at("/properties/networkInterfaces/0");
    assertFalse(nic.has("properties"), nic.toString());
    assertTrue(nic.path("id").asText().endsWith("/networkInterfaces/nic-az-flat"));
  }

  @Test
  void nicListFoldsIpConfigurationsAndKeepsReferencesAsTheyAre() throws Exception {
    Map<String, JsonNode> objects = normalised("az-vm-nic-vnet-list.json");
    JsonNode nic = objects.get("nic-az-flat");
    JsonNode ipConfig = nic.at("/properties/ipConfigurations/0");
    assertEquals("ipconfig1", ipConfig.path("name").asText());
    assertTrue(ipConfig.at("/properties/publicIpAddress/id").asText().endsWith("/publicIPAddresses/pip-az-flat"));
    assertTrue(ipConfig.at("/properties/subnet/id").asText().endsWith("/virtualNetworks/vnet-az-flat/subnets/default"));
    assertTrue(nic.at("/properties/networkSecurityGroup/id").asText().endsWith("/nsg-az-flat"));
    JsonNode subnet = objects.get("vnet-az-flat").at("/properties/subnets/0");
    assertEquals("10.40.0.0/24", subnet.at("/properties/addressPrefix").asText());
    assertEquals("Standard", objects.get("pip-az-flat").at("/sku/name").asText(), "a public IP's sku is top-level in ARM too");
    JsonNode vmNic = objects.get("vm-az-flat").at("/properties/networkProfile/networkInterfaces/0");
    assertFalse(vmNic.has("properties"), "a VM's NIC reference points elsewhere and is not a sub-resource");
  }

  @Test
  void storageListGetsTheArmNamesOfTheCliRenamedProperties() throws Exception {
    JsonNode secure = normalised("az-storage-account-list.json").get("stazsecure").path("properties");
    assertTrue(secure.path("supportsHttpsTrafficOnly").asBoolean());
    assertFalse(secure.has("enableHttpsTrafficOnly"));
    assertTrue(secure.get("isNfsV3Enabled").isNull(), "a null stays null, under its ARM name");
    assertFalse(secure.has("enableNfsV3"));
    assertEquals("Deny", secure.at("/networkAcls/defaultAction").asText());
    assertFalse(secure.has("networkRuleSet"));
    assertEquals("198.51.100.7", secure.at("/networkAcls/ipRules/0/value").asText());
    assertTrue(secure.at("/networkAcls/virtualNetworkRules/0/id").asText().endsWith("/subnets/default"));
    assertEquals("Approved",
        secure.at("/privateEndpointConnections/0/properties/privateLinkServiceConnectionState/status").asText());
    assertTrue(secure.path("encryption").has("identity"));
  }

  @Test
  void firewallPolicyListMovesSkuUnderPropertiesWhereArmKeepsIt() throws Exception {
    JsonNode policy = normalised("az-network-firewall-policy-list.json").get("fwp-az-flat-off");
    assertEquals("Premium", policy.at("/properties/sku/tier").asText());
    assertFalse(policy.has("sku"));
    assertEquals("Off", policy.at("/properties/intrusionDetection/mode").asText());
  }

  @Test
  void armShapedObjectsAreLeftAlone() throws Exception {
    String text = "{\"id\":\"/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a\","
        + "\"type\":\"Microsoft.Storage/storageAccounts\",\"sku\":{\"name\":\"Standard_LRS\"},"
        + "\"properties\":{\"enableHttpsTrafficOnly\":false,\"networkRuleSet\":{\"defaultAction\":\"Allow\"}}}";
    JsonNode body = ArmNormalizer.normalize(MAPPER.readTree(text)).object().body();
    assertEquals(MAPPER.readTree(text), body, "renames apply only to az's flattened output");
  }
}
