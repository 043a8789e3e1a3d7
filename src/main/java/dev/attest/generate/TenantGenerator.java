package dev.attest.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attest.inventory.ArmObject;
import dev.attest.inventory.DemoTenantSource;
import dev.attest.inventory.InventorySink;
import dev.attest.inventory.ResourceIds;
import dev.attest.inventory.SourceProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic tenant of any size, cloned cell by cell from the embedded Contoso
 * Health demo tenant: every cell is the demo's ~200 objects (VMs, NICs, disks, NSGs, SQL servers
 * with databases, TDE, auditing and firewall rules, storage with blobServices, key vaults,
 * diagnostic settings, role assignments, private endpoints, flow logs…) with its resource groups,
 * resources and GUID names renamed and its subscriptions mapped onto the generated ones, so every
 * id and reference stays consistent. NSGs get a seeded number of extra internal rules. Each cell
 * keeps the demo's verdicts, so the share of violations is the demo's. The same request gives
 * the same bytes.
 */
public final class TenantGenerator {
  private static final String SUBSCRIPTION_TYPE = "microsoft.resources/subscriptions";
  private static final String NSG_TYPE = "microsoft.network/networksecuritygroups";
  /** Padded variants per NSG; each cell picks one with the seed. */
  private static final int NSG_VARIANTS = 4;
  private static final String[] INTERNAL_PORTS = {"443", "1433", "5432", "6379", "8080", "8443", "9093", "10255"};

  private final ObjectMapper mapper;

  public TenantGenerator(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Writes the tenant into {@code request.out()} (created if needed) and says what was written. */
  public GeneratedTenant generate(GenerateRequest request) throws IOException {
    SplittableRandom random = new SplittableRandom(request.seed());
    Demo demo = readDemo();
    boolean graph = request.format() == OutputFormat.RESOURCE_GRAPH;
    Map<String, Integer> demoSubscriptions = new HashMap<>();
    for (int i = 0; i < demo.subscriptions().size(); i++) {
      demoSubscriptions.put(demo.subscriptions().get(i).subscriptionId(), i);
    }
    Set<String> names = renamedNames(demo.cell(), demoSubscriptions.keySet());
    List<List<Template>> cellTemplates = new ArrayList<>();
    for (ArmObject object : demo.cell()) {
      List<Template> variants = new ArrayList<>();
      if (object.typeKey().equals(NSG_TYPE) && object.body().path("properties").path("securityRules").isArray()) {
        for (int v = 0; v < NSG_VARIANTS; v++) {
          ObjectNode padded = padRules(object, 5 + random.nextInt(36));
          variants.add(Template.of(json(shape(padded, object, graph)), demoSubscriptions, names));
        }
      } else {
        variants.add(Template.of(json(shape(object.body().deepCopy(), object, graph)), demoSubscriptions, names));
      }
      cellTemplates.add(variants);
    }
    String[] subscriptions = new String[request.subscriptions()];
    long prefix = random.nextLong();
    for (int j = 0; j < subscriptions.length; j++) {
      subscriptions[j] = String.format(Locale.ROOT, "%08x-%04x-4000-8000-%012x", prefix >>> 32, prefix & 0xfff, j + 1L);
    }
    try (ChunkedWriter out = new ChunkedWriter(request.out(), request.format(), request.resources())) {
      StringBuilder line = new StringBuilder(4096);
      for (int j = 0; j < subscriptions.length && !out.full(); j++) {
        out.write(json(subscriptionObject(demo.subscriptions().get(j % demo.subscriptions().size()), subscriptions[j],
            j, graph)));
      }
      for (ArmObject object : demo.tenantLevel()) {
        if (!out.full()) {
          out.write(json(shape(object.body().deepCopy(), object, graph)));
        }
      }
      int cell = 0;
      String[] mapping = new String[demo.subscriptions().size()];
      while (!out.full()) {
        for (int d = 0; d < mapping.length; d++) {
          mapping[d] = subscriptions[(int) (((long) cell * mapping.length + d) % subscriptions.length)];
        }
        String tag = "g" + Integer.toString(cell, 36);
        for (List<Template> variants : cellTemplates) {
          if (out.full()) {
            break;
          }
          Template template = variants.size() == 1 ? variants.get(0) : variants.get(random.nextInt(variants.size()));
          line.setLength(0);
          template.render(line, cell, tag, mapping);
          out.write(line);
        }
        cell++;
      }
      out.finish();
      return new GeneratedTenant(out.objects(), cell, subscriptions.length, out.files(), out.bytes());
    }
  }

  /** The demo tenant split into its subscriptions, tenant-level objects and the per-cell rest. */
  private record Demo(List<ArmObject> subscriptions, List<ArmObject> tenantLevel, List<ArmObject> cell) {}

  private Demo readDemo() {
    List<ArmObject> subscriptions = new ArrayList<>();
    List<ArmObject> tenantLevel = new ArrayList<>();
    List<ArmObject> cell = new ArrayList<>();
    new DemoTenantSource(mapper).readInto(new InventorySink() {
      @Override
      public void accept(ArmObject object, String origin) {
        if (object.typeKey().equals(SUBSCRIPTION_TYPE)) {
          subscriptions.add(object);
        } else if (object.subscriptionId().isEmpty()) {
          tenantLevel.add(object);
        } else {
          cell.add(object);
        }
      }

      @Override
      public void problem(SourceProblem problem) {
        throw new IllegalStateException("the embedded demo tenant does not read cleanly: " + problem.describe());
      }
    });
    return new Demo(subscriptions, tenantLevel, cell);
  }

  /**
   * Names made unique per cell: resource groups, and objects directly under a resource group or
   * a subscription (children and resource-scoped extensions follow their renamed parent).
   */
  private static Set<String> renamedNames(List<ArmObject> objects, Set<String> subscriptions) {
    Set<String> names = new HashSet<>();
    for (ArmObject object : objects) {
      String[] parts = object.key().substring(1).split("/");
      if (parts.length >= 4 && parts[2].equals("resourcegroups")) {
        names.add(parts[3]);
      }
      String parent = ResourceIds.parentKey(object.id());
      if (parent != null && (parent.split("/").length <= 5 && !parent.contains("/providers/"))) {
        names.add(ResourceIds.lastName(object.key()));
      }
    }
    names.removeAll(subscriptions);
    return names;
  }

  /** Resource Graph rows carry lower-case types, subscriptionId and resourceGroup. */
  private static ObjectNode shape(ObjectNode body, ArmObject object, boolean graph) {
    if (!graph) {
      return body;
    }
    body.put("type", object.type().toLowerCase(Locale.ROOT));
    if (!body.has("subscriptionId") && !object.subscriptionId().isEmpty()) {
      body.put("subscriptionId", object.subscriptionId());
    }
    String[] parts = object.id().substring(1).split("/");
    if (!body.has("resourceGroup") && parts.length >= 4 && parts[2].equalsIgnoreCase("resourceGroups")) {
      body.put("resourceGroup", parts[3].toLowerCase(Locale.ROOT));
    }
    return body;
  }

  /** An NSG with {@code extra} more rules that admit only internal traffic, so its verdicts stay the demo's. */
  private static ObjectNode padRules(ArmObject nsg, int extra) {
    ObjectNode body = nsg.body().deepCopy();
    ArrayNode rules = (ArrayNode) body.get("properties").get("securityRules");
    for (int i = 0; i < extra; i++) {
      String name = String.format(Locale.ROOT, "allow-internal-%03d", i);
      ObjectNode rule = rules.addObject();
      rule.put("name", name);
      rule.put("id", nsg.id() + "/securityRules/" + name);
      rule.put("type", "Microsoft.Network/networkSecurityGroups/securityRules");
      ObjectNode properties = rule.putObject("properties");
      properties.put("protocol", "Tcp");
      properties.put("sourcePortRange", "*");
      properties.put("access", "Allow");
      properties.put("priority", 1200 + i * 10);
      properties.put("direction", i % 3 == 2 ? "Outbound" : "Inbound");
      properties.put("provisioningState", "Succeeded");
      properties.put("destinationAddressPrefix", "VirtualNetwork");
      properties.put("destinationPortRange", INTERNAL_PORTS[i % INTERNAL_PORTS.length]);
      properties.put("sourceAddressPrefix", String.format(Locale.ROOT, "10.%d.%d.0/24", 20 + i / 200, i % 200));
    }
    return body;
  }

  private ObjectNode subscriptionObject(ArmObject template, String subscription, int index, boolean graph) {
    ObjectNode body = template.body().deepCopy();
    body.put("id", "/subscriptions/" + subscription);
    body.put("subscriptionId", subscription);
    body.put("name", String.format(Locale.ROOT, "Fabrikam Health %04d", index + 1));
    if (graph) {
      body.put("type", template.type().toLowerCase(Locale.ROOT));
    }
    return body;
  }

  private String json(ObjectNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
