package dev.attest.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attest.inventory.ArmObject;
import dev.attest.inventory.DemoTenantSource;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.inventory.ResourceIds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Azure content an emulator serves, split the way Azure splits it: Resource Graph's three
 * tables, and the child and extension resources only ARM list calls return. The split is the
 * emulator's own model of Azure, independent of what the collector chooses to read.
 */
public final class EmulatedTenant {
  /** Child types that Resource Graph's Resources table does hold. */
  private static final Set<String> GRAPH_CHILD_TYPES = Set.of(
      "microsoft.sql/servers/databases", "microsoft.sql/managedinstances/databases",
      "microsoft.network/networkwatchers/flowlogs", "microsoft.hybridcompute/machines/extensions",
      "microsoft.healthcareapis/workspaces/fhirservices", "microsoft.healthcareapis/workspaces/dicomservices",
      "microsoft.compute/virtualmachines/extensions");

  /** The management group holding every subscription of the tenant. */
  public static final String MANAGEMENT_GROUP = "mg-contoso-health";

  final Map<String, List<JsonNode>> tables = new HashMap<>();
  /** ARM collection path (lower-case, e.g. {server}/auditingsettings) to its members. */
  final Map<String, List<JsonNode>> collections = new HashMap<>();
  final List<String> subscriptions;
  private final int size;

  private EmulatedTenant(List<ArmObject> objects) {
    Set<String> subs = new TreeSet<>();
    for (String table : List.of("Resources", "ResourceContainers", "AuthorizationResources")) {
      tables.put(table, new ArrayList<>());
    }
    for (ArmObject object : objects) {
      String type = object.typeKey();
      if (type.equals("microsoft.resources/subscriptions")) {
        subs.add(object.subscriptionId());
      }
      String table = table(object);
      if (table != null) {
        tables.get(table).add(object.body());
      } else {
        String key = object.key();
        collections.computeIfAbsent(key.substring(0, key.lastIndexOf('/')), k -> new ArrayList<>()).add(object.body());
      }
    }
    tables.values().forEach(rows -> rows.sort((a, b) -> ResourceIds.key(a.get("id").asText())
        .compareTo(ResourceIds.key(b.get("id").asText()))));
    this.subscriptions = List.copyOf(subs);
    this.size = objects.size();
  }

  /** The Resource Graph table an object is in, or null when only ARM returns it. */
  static String table(ArmObject object) {
    String type = object.typeKey();
    if (type.startsWith("microsoft.resources/subscriptions")) {
      return "ResourceContainers";
    }
    if (type.startsWith("microsoft.authorization/")) {
      return "AuthorizationResources";
    }
    boolean extension = ResourceIds.extensionScopeKey(object.id()) != null;
    boolean topLevel = type.split("/").length == 2;
    return !extension && (topLevel || GRAPH_CHILD_TYPES.contains(type)) ? "Resources" : null;
  }

  /** The embedded Contoso Health demo tenant. */
  public static EmulatedTenant demo() {
    Inventory inventory = new InventoryBuilder().read(new DemoTenantSource(new ObjectMapper())).build();
    return new EmulatedTenant(new ArrayList<>(inventory.objects()));
  }

  /**
   * A synthetic tenant of {@code subscriptions} x {@code perSubscription} resources in a realistic
   * mix: mostly disks, NICs and VMs, with storage accounts, SQL servers and databases, key vaults
   * and web apps whose child and extension resources only ARM returns.
   */
  public static EmulatedTenant generated(int subscriptions, int perSubscription) {
    ObjectMapper mapper = new ObjectMapper();
    List<ArmObject> objects = new ArrayList<>();
    for (int s = 0; s < subscriptions; s++) {
      String sub = String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", s + 1);
      String subId = "/subscriptions/" + sub;
      objects.add(object(mapper, subId, "Microsoft.Resources/subscriptions", "{\"state\":\"Enabled\"}"));
      for (int g = 0; g < 10; g++) {
        objects.add(object(mapper, subId + "/resourceGroups/rg-" + g, "Microsoft.Resources/subscriptions/resourceGroups",
            "{\"provisioningState\":\"Succeeded\"}"));
      }
      for (int i = 0; i < perSubscription; i++) {
        String rg = subId + "/resourceGroups/rg-" + (i % 10) + "/providers/";
        int kind = i % 20;
        if (kind == 0) {
          String id = rg + "Microsoft.Storage/storageAccounts/st" + i;
          objects.add(object(mapper, id, "Microsoft.Storage/storageAccounts",
              "{\"minimumTlsVersion\":\"TLS1_2\",\"allowBlobPublicAccess\":false,\"supportsHttpsTrafficOnly\":true}"));
          objects.add(object(mapper, id + "/blobServices/default", "Microsoft.Storage/storageAccounts/blobServices",
              "{\"deleteRetentionPolicy\":{\"enabled\":true,\"days\":7}}"));
        } else if (kind == 1) {
          String id = rg + "Microsoft.Sql/servers/sql" + i;
          objects.add(object(mapper, id, "Microsoft.Sql/servers", "{\"minimalTlsVersion\":\"1.2\",\"publicNetworkAccess\":\"Disabled\"}"));
          objects.add(object(mapper, id + "/auditingSettings/default", "Microsoft.Sql/servers/auditingSettings",
              "{\"state\":\"Enabled\",\"retentionDays\":90}"));
          objects.add(object(mapper, id + "/encryptionProtector/current", "Microsoft.Sql/servers/encryptionProtector",
              "{\"serverKeyType\":\"AzureKeyVault\"}"));
          objects.add(object(mapper, id + "/databases/db" + i, "Microsoft.Sql/servers/databases", "{\"status\":\"Online\"}"));
          objects.add(object(mapper, id + "/databases/db" + i + "/transparentDataEncryption/current",
              "Microsoft.Sql/servers/databases/transparentDataEncryption", "{\"state\":\"Enabled\"}"));
        } else if (kind == 2) {
          String id = rg + "Microsoft.KeyVault/vaults/kv" + i;
          objects.add(object(mapper, id, "Microsoft.KeyVault/vaults", "{\"enableSoftDelete\":true,\"enablePurgeProtection\":true}"));
          objects.add(object(mapper, id + "/providers/Microsoft.Insights/diagnosticSettings/to-law",
              "Microsoft.Insights/diagnosticSettings", "{\"logs\":[{\"categoryGroup\":\"audit\",\"enabled\":true}]}"));
        } else if (kind == 3) {
          String id = rg + "Microsoft.Web/sites/app" + i;
          objects.add(object(mapper, id, "Microsoft.Web/sites", "{\"httpsOnly\":true}"));
          objects.add(object(mapper, id + "/config/web", "Microsoft.Web/sites/config", "{\"minTlsVersion\":\"1.2\",\"ftpsState\":\"Disabled\"}"));
        } else if (kind < 12) {
          objects.add(object(mapper, rg + "Microsoft.Compute/disks/disk" + i, "Microsoft.Compute/disks",
              "{\"encryption\":{\"type\":\"EncryptionAtRestWithPlatformKey\"}}"));
        } else {
          objects.add(object(mapper, rg + "Microsoft.Network/networkInterfaces/nic" + i, "Microsoft.Network/networkInterfaces",
              "{\"ipConfigurations\":[]}"));
        }
      }
    }
    return new EmulatedTenant(objects);
  }

  private static ArmObject object(ObjectMapper mapper, String id, String type, String properties) {
    try {
      ObjectNode body = mapper.createObjectNode();
      body.put("id", id);
      body.put("name", ResourceIds.lastName(id));
      body.put("type", type);
      body.put("location", "eastus");
      body.set("properties", mapper.readTree(properties));
      return new ArmObject(id, type, body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every object the tenant holds, in Resource Graph and behind ARM list calls. */
  public int size() {
    return size;
  }

  /** Rows of one Resource Graph table. */
  public List<JsonNode> table(String name) {
    return Collections.unmodifiableList(tables.getOrDefault(name, List.of()));
  }

  /** How many objects only ARM list calls return. */
  public int armOnly() {
    return collections.values().stream().mapToInt(List::size).sum();
  }
}
