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
  final List<RelatedReads.Read> plan = RelatedReads.plan(RulePackLoader.load(RulePackLoader.bundledRoot()).rules()).reads();

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
        "microsoft.storage/storageaccounts/blobservices -> microsoft.insights/diagnosticsettings")) {
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

  RelatedReads.Read read(String parent, String type) {
    return plan.stream().filter(r -> r.parentType().equals(parent) && r.type().equals(type)).findFirst()
        .orElseThrow(() -> new AssertionError(parent + " -> " + type + " not planned"));
  }

  static com.fasterxml.jackson.databind.JsonNode named(String name, String kind) {
    com.fasterxml.jackson.databind.node.ObjectNode node = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
        .put("name", name);
    return kind == null ? node : node.put("kind", kind);
  }

  @Test
  void childrenResourceGraphEmbedsAreNotReadAndSubnetsAreLiftedFromTheirNetwork() {
    Set<String> labels = labels();
    assertFalse(labels.stream().anyMatch(l -> l.endsWith("/subnets") || l.endsWith("/securityrules")), labels.toString());
    RelatedReads.Plan full = RelatedReads.plan(RulePackLoader.load(RulePackLoader.bundledRoot()).rules());
    assertEquals(List.of(new RelatedReads.Lift("microsoft.network/virtualnetworks", "microsoft.network/virtualnetworks/subnets",
        "subnets")), full.lifts(), "NSG rules are read where they are embedded; subnets are addressed by id, so lifted");
  }

  @Test
  void readsAreMadeOnlyForTheParentsARuleCanUseThemFor() {
    // AZ-ENC-0001 (where: name notEquals master) is the only rule reading TDE.
    RelatedReads.Read tde = read("microsoft.sql/servers/databases", "microsoft.sql/servers/databases/transparentdataencryption");
    assertFalse(tde.when().selects(named("master", null)));
    assertFalse(tde.when().selects(named("MASTER", null)), "compared case-insensitively, as the engine does");
    assertTrue(tde.when().selects(named("sqldb-ehr", null)));
    // AZ-LOG-0005 reads diagnostic settings of a server's master database only.
    RelatedReads.Read diag = read("microsoft.sql/servers/databases", "microsoft.insights/diagnosticsettings");
    assertTrue(diag.when().selects(named("master", null)));
    assertFalse(diag.when().selects(named("sqldb-ehr", null)));
    // AZ-LOG-0012 applies to storage accounts that are not FileStorage; its blob service read follows.
    RelatedReads.Read blob = read("microsoft.storage/storageaccounts", "microsoft.storage/storageaccounts/blobservices");
    assertFalse(blob.when().selects(named("st1", "FileStorage")));
    assertTrue(blob.when().selects(named("st1", "StorageV2")));
    assertTrue(blob.when().selects(named("st1", null)), "a field that is absent never skips a read");
    // Reads no rule narrows stay for every parent.
    assertTrue(read("microsoft.sql/servers", "microsoft.sql/servers/auditingsettings").when().selects(named("any", null)));
  }

  @Test
  void aReadTwoRulesNeedIsMadeForTheParentsEitherSelects() {
    RelatedReads.Selector master = new RelatedReads.Selector(List.of(List.of(
        new RelatedReads.FieldTest("name", dev.attest.rules.Operator.EQUALS, List.of("master")))));
    RelatedReads.Selector notMaster = new RelatedReads.Selector(List.of(List.of(
        new RelatedReads.FieldTest("name", dev.attest.rules.Operator.NOT_EQUALS, List.of("master")))));
    assertTrue(master.or(notMaster).selects(named("master", null)));
    assertTrue(master.or(notMaster).selects(named("db1", null)));
    assertEquals(RelatedReads.Selector.ALL, master.or(RelatedReads.Selector.ALL));
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
