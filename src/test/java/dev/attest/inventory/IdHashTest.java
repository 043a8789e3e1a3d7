package dev.attest.inventory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IdHashTest {
  private static final String RG = "/subscriptions/0000-AAAA/resourceGroups/rg-Clinical";

  /** The chain as ResourceIds.parentKey walks it, each fingerprinted on its own. */
  private static long[] naive(String key) {
    List<String> chain = new ArrayList<>(List.of(key));
    String ancestor = ResourceIds.key(key);
    while (ancestor.contains("/providers/")) {
      ancestor = ResourceIds.parentKey(ancestor);
      if (ancestor == null || !ancestor.contains("/providers/")) {
        break;
      }
      chain.add(ancestor);
    }
    long[] prints = new long[2 * chain.size()];
    for (int i = 0; i < chain.size(); i++) {
      IdHash.of(chain.get(i), prints, 2 * i);
    }
    return prints;
  }

  @ParameterizedTest
  @ValueSource(strings = {
      RG,
      RG + "/providers/Microsoft.Network/networkInterfaces/nic-1",
      RG + "/providers/Microsoft.Network/networkInterfaces/nic-1/ipConfigurations/ipconfig1",
      RG + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet-app",
      RG + "/providers/Microsoft.Sql/servers/sql1/databases/db1/transparentDataEncryption/current",
      RG + "/providers/Microsoft.Storage/storageAccounts/st1/blobServices/default/providers/"
          + "Microsoft.Insights/diagnosticSettings/diag",
      RG + "/providers/Microsoft.Storage/storageAccounts/st1/PROVIDERS/Microsoft.Insights/diagnosticSettings/x",
      "/providers/Microsoft.Management/managementGroups/mg1",
      "/subscriptions/s/providers/Microsoft.Authorization/roleAssignments/ra1",
      RG + "/providers/Microsoft.Network/privateEndpoints/pe//odd",
      RG + "/providers/ns/t/n/x",
  })
  void theChainIsWhatParentKeyWalks(String key) {
    long[] out = new long[200];
    int levels = IdHash.chain(key, out, 0);
    assertArrayEquals(naive(key), Arrays.copyOf(out, 2 * levels), key);
  }

  @Test
  void fingerprintsIgnoreCaseOnlyAndFoldNonAscii() {
    long[] a = new long[2];
    long[] b = new long[2];
    IdHash.of(RG + "/providers/X/y/Z", a, 0);
    IdHash.of((RG + "/providers/X/y/Z").toUpperCase(), b, 0);
    assertArrayEquals(a, b);
    IdHash.of(RG + "/providers/X/y/Z2", b, 0);
    assertFalse(Arrays.equals(a, b));
    IdHash.of("/subscriptions/s/resourceGroups/RG-ÄRZTE", a, 0);
    IdHash.of("/subscriptions/s/resourcegroups/rg-ärzte", b, 0);
    assertArrayEquals(a, b);
    assertEquals(2, a.length);
  }
}
