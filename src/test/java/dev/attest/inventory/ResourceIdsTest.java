package dev.attest.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ResourceIdsTest {
  private static final String SUB = "/subscriptions/S1";
  private static final String RG = SUB + "/resourceGroups/RG";

  @Test
  void parents() {
    assertEquals("/subscriptions/s1/resourcegroups/rg/providers/microsoft.sql/servers/a",
        ResourceIds.parentKey(RG + "/providers/Microsoft.Sql/servers/a/databases/b"));
    assertEquals("/subscriptions/s1/resourcegroups/rg", ResourceIds.parentKey(RG + "/providers/Microsoft.Sql/servers/a"));
    assertEquals("/subscriptions/s1", ResourceIds.parentKey(RG));
    assertNull(ResourceIds.parentKey(SUB));
    assertEquals("/subscriptions/s1/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv",
        ResourceIds.parentKey(RG + "/providers/Microsoft.KeyVault/vaults/kv/providers/Microsoft.Insights/diagnosticSettings/d"));
  }

  @Test
  void extensionScopes() {
    assertEquals("/subscriptions/s1/resourcegroups/rg/providers/microsoft.keyvault/vaults/kv",
        ResourceIds.extensionScopeKey(RG + "/providers/Microsoft.KeyVault/vaults/kv/providers/Microsoft.Insights/diagnosticSettings/d"));
    assertEquals("/subscriptions/s1",
        ResourceIds.extensionScopeKey(SUB + "/providers/Microsoft.Authorization/roleAssignments/x"));
    assertEquals("/subscriptions/s1/resourcegroups/rg",
        ResourceIds.extensionScopeKey(RG + "/providers/Microsoft.Authorization/roleAssignments/x"));
    assertNull(ResourceIds.extensionScopeKey(RG + "/providers/Microsoft.Storage/storageAccounts/st"));
    assertNull(ResourceIds.extensionScopeKey(RG + "/providers/Microsoft.Sql/servers/a/databases/b"));
  }

  @Test
  void subscriptionIdsAreLowerCased() {
    assertEquals("s1", ResourceIds.subscriptionId(RG + "/providers/x/y/z"));
    assertEquals("", ResourceIds.subscriptionId("/providers/Microsoft.Management/managementGroups/mg"));
  }
}
