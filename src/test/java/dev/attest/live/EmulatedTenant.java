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
  /** Every object's key, and every subscription's: what a list call's parent must be to exist. */
  private final Set<String> keys = new java.util.HashSet<>();
  private final int size;

  private EmulatedTenant(List<ArmObject> objects) {
    Set<String> subs = new TreeSet<>();
    for (String table : List.of("Resources", "ResourceContainers", "AuthorizationResources")) {
      tables.put(table, new ArrayList<>());
    }
    for (ArmObject object : objects) {
      keys.add(object.key());
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
   * mix: mostly disks and NICs, with (each a twentieth) storage accounts, SQL servers (a user
   * database and master each), key vaults, web apps, virtual networks (subnets embedded) and NSGs
   * (rules embedded), and 20 role assignments per subscription; the child and extension resources
   * of storage, SQL, key vaults and web apps are only returned by ARM.
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
      for (int r = 0; r < 20; r++) {
        // Role assignments at the subscription: Reader and Contributor for groups, a few Owners.
        String role = r < 3 ? "8e3af657-a8ff-443c-a75c-2fe8c4bcb635" : r % 2 == 0 ? "acdd72a7-3385-48ef-bd42-f606fba81ae7"
            : "b24988ac-6180-42a0-ab88-20f7382dd24c";
        objects.add(object(mapper, subId + "/providers/Microsoft.Authorization/roleAssignments/"
            + String.format(Locale.ROOT, "%08d-0000-4000-8000-%012d", r, s + 1), "Microsoft.Authorization/roleAssignments",
            "{\"roleDefinitionId\":\"" + subId + "/providers/Microsoft.Authorization/roleDefinitions/" + role
                + "\",\"principalId\":\"" + String.format(Locale.ROOT, "%08d-1111-4000-8000-000000000000", r)
                + "\",\"principalType\":\"Group\",\"scope\":\"" + subId + "\"}"));
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
          // Every logical server has a master database; Resource Graph lists it like any other.
          objects.add(object(mapper, id + "/databases/master", "Microsoft.Sql/servers/databases", "{\"status\":\"Online\"}"));
          objects.add(object(mapper, id + "/databases/master/providers/Microsoft.Insights/diagnosticSettings/audit",
              "Microsoft.Insights/diagnosticSettings", "{\"logs\":[{\"category\":\"SQLSecurityAuditEvents\",\"enabled\":true}]}"));
        } else if (kind == 2) {
          String id = rg + "Microsoft.KeyVault/vaults/kv" + i;
          objects.add(object(mapper, id, "Microsoft.KeyVault/vaults", "{\"enableSoftDelete\":true,\"enablePurgeProtection\":true}"));
          objects.add(object(mapper, id + "/providers/Microsoft.Insights/diagnosticSettings/to-law",
              "Microsoft.Insights/diagnosticSettings", "{\"logs\":[{\"categoryGroup\":\"audit\",\"enabled\":true}]}"));
        } else if (kind == 3) {
          String id = rg + "Microsoft.Web/sites/app" + i;
          objects.add(object(mapper, id, "Microsoft.Web/sites", "{\"httpsOnly\":true}"));
          objects.add(object(mapper, id + "/config/web", "Microsoft.Web/sites/config", "{\"minTlsVersion\":\"1.2\",\"ftpsState\":\"Disabled\"}"));
        } else if (kind == 4) {
          String id = rg + "Microsoft.Network/virtualNetworks/vnet" + i;
          objects.add(object(mapper, id, "Microsoft.Network/virtualNetworks", "{\"addressSpace\":{\"addressPrefixes\":"
              + "[\"10.0.0.0/16\"]},\"subnets\":[" + subnet(id, "app", 1) + "," + subnet(id, "data", 2) + ","
              + subnet(id, "AzureBastionSubnet", 3) + "]}"));
        } else if (kind == 5) {
          objects.add(object(mapper, rg + "Microsoft.Network/networkSecurityGroups/nsg" + i,
              "Microsoft.Network/networkSecurityGroups", "{\"securityRules\":[{\"name\":\"AllowHttps\",\"properties\":"
              + "{\"priority\":100,\"direction\":\"Inbound\",\"access\":\"Allow\",\"protocol\":\"Tcp\","
              + "\"sourceAddressPrefix\":\"VirtualNetwork\",\"destinationPortRange\":\"443\"}}]}"));
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

  private static String subnet(String vnet, String name, int n) {
    return "{\"id\":\"" + vnet + "/subnets/" + name + "\",\"name\":\"" + name + "\",\"type\":"
        + "\"Microsoft.Network/virtualNetworks/subnets\",\"properties\":{\"addressPrefix\":\"10.0." + n + ".0/24\"}}";
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

  /** Whether an object with this key exists (a subscription exists when the tenant holds it). */
  boolean exists(String key) {
    return keys.contains(key);
  }

  /**
   * The parent of a collection path: {@code {parent}/{childSegment}} or, for an extension
   * collection, {@code {parent}/providers/{namespace}/{type}}.
   */
  static String parentOfCollection(String collection) {
    String[] parts = collection.split("/");
    if (parts.length >= 4 && parts[parts.length - 3].equals("providers")) {
      return String.join("/", java.util.Arrays.copyOf(parts, parts.length - 3));
    }
    return collection.substring(0, collection.lastIndexOf('/'));
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
