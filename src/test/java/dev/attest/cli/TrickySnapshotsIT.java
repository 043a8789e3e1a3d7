package dev.attest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-made snapshots of the shapes that trip scanners up (port ranges, prefix arrays, shadowed
 * rules, service tags, Resource Graph's lower-case types, flattened az output, TLS spellings,
 * absent properties whose API default is insecure), scanned with the shipped rule pack.
 */
class TrickySnapshotsIT {
  @TempDir
  static Path dir;
  static Cli cli;
  static final Map<String, String> STATUS = new HashMap<>();

  @BeforeAll
  static void scan() throws Exception {
    Path snapshot = Path.of(TrickySnapshotsIT.class.getResource("/tricky").toURI());
    cli = Cli.run("scan", "--snapshot", snapshot.toString(), "--out", dir.toString(), "--fail-on", "none");
    JsonNode doc = new ObjectMapper().readTree(dir.resolve("findings.json").toFile());
    for (JsonNode f : doc.get("findings")) {
      STATUS.put(f.get("ruleId").asText() + " " + f.get("resourceName").asText(), f.get("status").asText());
    }
  }

  @ParameterizedTest(name = "{0} on {1} is {2}")
  @CsvSource({
      // NSGs
      "AZ-NET-0001, nsg-range,          FAIL",            // 3380-3390 from the Internet tag covers RDP
      "AZ-NET-0001, nsg-prefix-array,   PASS",            // 443 and 1433 only
      "AZ-NET-0002, nsg-prefix-array,   FAIL",            // 0.0.0.0/0 inside sourceAddressPrefixes reaches 1433
      "AZ-NET-0001, nsg-shadowed,       PASS",            // a priority-100 Deny shadows the later allow-all
      "AZ-NET-0002, nsg-shadowed,       FAIL",            // ... but only for 22 and 3389
      "AZ-NET-0003, nsg-shadowed,       FAIL",            // the allow-all rule itself stays a finding
      "AZ-NET-0001, nsg-service-tag,    PASS",            // AzureCloud is not the internet; outbound is not inbound
      "AZ-NET-0001, nsg-not-captured,   ERROR",           // no rules captured: never a pass
      "AZ-NET-0003, nsg-not-captured,   ERROR",
      // Resource Graph rows (lower-case types)
      "AZ-TLS-0001, sttls11,            FAIL",            // TLS1_1 is below 1.2
      "AZ-TLS-0001, stdefaults,         FAIL",            // absent minimumTlsVersion means TLS 1.0
      "AZ-PRV-0002, stdefaults,         FAIL",            // absent allowBlobPublicAccess means allowed
      "AZ-PRV-0002, sttls11,            PASS",
      "AZ-TLS-0003, sqlnominimum,       FAIL",            // absent minimalTlsVersion means None
      "AZ-ENC-0013, kvnopurge,          FAIL",            // absent enablePurgeProtection means off
      "AZ-IAM-0006, kvnopurge,          FAIL",            // absent enableRbacAuthorization means access policies
      // az webapp list output, properties flattened to the top level, with config/web children
      "AZ-TLS-0005, app-flat-secure,    PASS",
      "AZ-TLS-0006, app-flat-secure,    PASS",
      "AZ-TLS-0005, app-flat-legacy,    FAIL",
      "AZ-TLS-0006, app-flat-legacy,    FAIL",
      "AZ-TLS-0007, app-flat-legacy,    FAIL",
      // az network nsg list: the security rules inside are flattened too
      "AZ-NET-0003, nsg-az-flat,        FAIL",            // allow-all from Internet, seen once the rule is folded
      "AZ-NET-0003, nsg-az-flat-https,  PASS",
      "AZ-NET-0001, nsg-az-flat,        FAIL",
      // az vm / network nic / public-ip / vnet list: flattened ipConfigurations carry the public IP
      "AZ-NET-0004, vm-az-flat,         FAIL",
      "AZ-NET-0005, default,            FAIL",            // a subnet known only from its VNet's properties.subnets
      // az storage account list: CLI names (enableHttpsTrafficOnly, networkRuleSet) and flattened PE connections
      "AZ-TLS-0002, stazsecure,         PASS",
      "AZ-TLS-0002, stazhttp,           FAIL",
      "AZ-PRV-0001, stazsecure,         PASS",            // networkRuleSet Deny + an approved private endpoint
      "AZ-PRV-0001, stazhttp,           FAIL",
      // az network firewall policy list: sku printed at the top level, where ARM has properties.sku
      "AZ-NET-0010, fwp-az-flat-off,    FAIL",
      "AZ-NET-0010, fwp-az-flat-deny,   PASS",
      // Resource Graph rows whose related objects were never exported: an ERROR, never a PASS
      "AZ-NET-0004, vm-nic-not-exported, ERROR",          // its NIC is not in the input
      "AZ-PRV-0005, sql-graph-only,     ERROR",           // Resource Graph has no firewallRules
      "AZ-PRV-0006, sql-graph-only,     ERROR",
      // JSON Lines; spellings of TLS versions per service
      "AZ-TLS-0012, cosmos-tls12,       PASS",            // Tls12
      "AZ-TLS-0012, cosmos-tls11,       FAIL",            // Tls11
      "AZ-TLS-0008, redis-tls12,        PASS",            // 1.2
      "AZ-TLS-0008, redis-defaults,     FAIL",            // absent: no minimum enforced
  })
  void verdicts(String rule, String resource, String expected) {
    assertEquals(expected, STATUS.get(rule + " " + resource), rule + " on " + resource + "\n" + cli);
  }

  @Test
  void theScanIsIncompleteWhenSomethingCouldNotBeEvaluated() {
    // The NSG without rules and the subscription rules with no subscription object are errors.
    assertEquals(3, cli.exit(), cli.toString());
    assertTrue(cli.out().contains("Incomplete:"), cli.out());
  }
}
