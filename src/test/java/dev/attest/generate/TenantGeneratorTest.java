package dev.attest.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.inventory.ArmObject;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.inventory.SnapshotSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic tenant: exact size, determinism, bounded files, consistent ids and references. */
class TenantGeneratorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path dir;

  private GeneratedTenant generate(String name, int resources, int subscriptions, long seed, OutputFormat format)
      throws IOException {
    return new TenantGenerator(MAPPER).generate(new GenerateRequest(resources, subscriptions, seed, dir.resolve(name),
        format));
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws IOException {
    GeneratedTenant a = generate("a", 2_500, 3, 11, OutputFormat.JSONL);
    GeneratedTenant b = generate("b", 2_500, 3, 11, OutputFormat.JSONL);
    GeneratedTenant c = generate("c", 2_500, 3, 12, OutputFormat.JSONL);
    assertEquals(1, a.files().size());
    assertArrayEquals(Files.readAllBytes(a.files().get(0)), Files.readAllBytes(b.files().get(0)));
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.files().get(0)), Files.readAllBytes(c.files().get(0))));
  }

  @Test
  void resourceGraphPagesHoldAThousandRowsWithTheirCount() throws IOException {
    GeneratedTenant tenant = generate("rg", 2_345, 2, 1, OutputFormat.RESOURCE_GRAPH);
    assertEquals(2_345, tenant.objects());
    assertEquals(3, tenant.files().size());
    int total = 0;
    for (Path page : tenant.files()) {
      JsonNode doc = MAPPER.readTree(page.toFile());
      assertEquals(doc.get("count").asInt(), doc.get("data").size());
      assertTrue(doc.get("data").size() <= 1_000);
      total += doc.get("data").size();
      for (JsonNode row : doc.get("data")) {
        assertEquals(row.get("type").asText().toLowerCase(Locale.ROOT), row.get("type").asText(), "Resource Graph types");
      }
    }
    assertEquals(2_345, total);
  }

  @Test
  void idsAreUniqueAndReferencesStayInsideTheTenant() throws IOException {
    GeneratedTenant tenant = generate("t", 4_000, 5, 3, OutputFormat.JSONL);
    InventoryBuilder builder = new InventoryBuilder().read(new SnapshotSource(List.of(dir.resolve("t")), MAPPER));
    assertEquals(4_000, builder.objectsRead());
    Inventory inventory = builder.build();
    assertEquals(List.of(), inventory.problems(), "no duplicate or unreadable objects");
    // Beyond what was read, the inventory holds only the subnets derived from their virtual networks.
    long subnets = inventory.ofType("Microsoft.Network/virtualNetworks/subnets").size();
    assertTrue(inventory.size() - 4_000 <= subnets, inventory.size() + " objects, " + subnets + " subnets");
    assertEquals(5, inventory.subscriptionIds().size());
    Set<String> types = new HashSet<>();
    inventory.objects().forEach(o -> types.add(o.typeKey()));
    assertTrue(types.containsAll(Set.of("microsoft.network/networksecuritygroups", "microsoft.compute/virtualmachines",
        "microsoft.network/networkinterfaces", "microsoft.compute/disks", "microsoft.sql/servers/databases",
        "microsoft.sql/servers/databases/transparentdataencryption", "microsoft.sql/servers/auditingsettings",
        "microsoft.sql/servers/firewallrules", "microsoft.storage/storageaccounts/blobservices",
        "microsoft.keyvault/vaults", "microsoft.insights/diagnosticsettings", "microsoft.authorization/roleassignments",
        "microsoft.authorization/roledefinitions", "microsoft.resources/subscriptions",
        "microsoft.network/privateendpoints", "microsoft.network/networkwatchers/flowlogs")), types.toString());
    // Cloned references point at the clone's own objects: every NIC of every cell finds its NSG.
    List<ArmObject> nics = inventory.ofType("Microsoft.Network/networkInterfaces");
    assertTrue(nics.size() >= 4 * tenant.cells() - 4, nics.size() + " NICs in " + tenant.cells() + " cells");
    for (ArmObject nic : nics) {
      assertFalse(inventory.references(nic).isEmpty(), nic.id());
    }
    // NSGs carry many rules.
    int rules = inventory.ofType("Microsoft.Network/networkSecurityGroups").stream()
        .mapToInt(n -> n.body().path("properties").path("securityRules").size()).max().orElse(0);
    assertTrue(rules >= 20, "the largest NSG has " + rules + " rules");
  }

  @Test
  void badRequestsAreRefusedInOneLine() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new GenerateRequest(0, 1, 1, dir, OutputFormat.JSONL));
    assertEquals("--resources must be at least 1, got 0", e.getMessage());
  }
}
