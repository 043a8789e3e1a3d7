package dev.attest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attest.rules.RulePackLoader;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The ARM reads derived from the shipped rules. */
class RelatedReadsTest {
  final List<RelatedReads.Read> plan = RelatedReads.plan(RulePackLoader.load(RulePackLoader.bundledRoot()).rules());

  Set<String> labels() {
    return plan.stream().map(r -> r.parentType() + " -> " + r.type()).collect(Collectors.toSet());
  }

  @Test
  void readsTheChildAndExtensionTypesTheRulesCount() {
    Set<String> labels = labels();
    for (String expected : List.of(
        "microsoft.sql/servers -> microsoft.sql/servers/auditingsettings",
        "microsoft.sql/servers -> microsoft.sql/servers/encryptionprotector",
        "microsoft.sql/servers -> microsoft.sql/servers/firewallrules",
        "microsoft.sql/servers/databases -> microsoft.sql/servers/databases/transparentdataencryption",
        "microsoft.web/sites -> microsoft.web/sites/config",
        "microsoft.dbforpostgresql/flexibleservers -> microsoft.dbforpostgresql/flexibleservers/configurations",
        "microsoft.resources/subscriptions -> microsoft.insights/diagnosticsettings",
        "microsoft.keyvault/vaults -> microsoft.insights/diagnosticsettings",
        // nested: the blob service is a child of the account, its diagnostic settings an extension of it
        "microsoft.storage/storageaccounts -> microsoft.storage/storageaccounts/blobservices",
        "microsoft.storage/storageaccounts/blobservices -> microsoft.insights/diagnosticsettings",
        // a rule whose subject Resource Graph lacks
        "microsoft.network/virtualnetworks -> microsoft.network/virtualnetworks/subnets")) {
      assertTrue(labels.contains(expected), expected + " missing from " + labels);
    }
  }

  @Test
  void readsNothingResourceGraphAlreadyHoldsOrNoRuleNeeds() {
    Set<String> labels = labels();
    assertFalse(labels.stream().anyMatch(l -> l.endsWith("-> microsoft.sql/servers/databases")), labels.toString());
    assertFalse(labels.stream().anyMatch(l -> l.startsWith("microsoft.compute/disks")), labels.toString());
    assertFalse(labels.stream().anyMatch(l -> l.contains("roleassignments")), "role assignments come from AuthorizationResources");
  }

  @Test
  void parentsAreReadBeforeTheirChildren() {
    int blob = indexOf("microsoft.storage/storageaccounts -> microsoft.storage/storageaccounts/blobservices");
    int diag = indexOf("microsoft.storage/storageaccounts/blobservices -> microsoft.insights/diagnosticsettings");
    assertTrue(blob < diag);
  }

  @Test
  void listPathsFollowArmConventions() {
    RelatedReads.Read child = new RelatedReads.Read("microsoft.sql/servers", "microsoft.sql/servers/auditingsettings", false, "2021-11-01");
    assertEquals("/subscriptions/s/x/servers/a/auditingsettings?api-version=2021-11-01", child.path("/subscriptions/s/x/servers/a"));
    RelatedReads.Read extension = new RelatedReads.Read("microsoft.keyvault/vaults", "microsoft.insights/diagnosticsettings", true, "v");
    assertEquals("/k/providers/microsoft.insights/diagnosticsettings?api-version=v", extension.path("/k"));
  }

  int indexOf(String label) {
    for (int i = 0; i < plan.size(); i++) {
      if ((plan.get(i).parentType() + " -> " + plan.get(i).type()).equals(label)) {
        return i;
      }
    }
    throw new AssertionError(label);
  }
}
