package dev.attest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attest.rules.RulePackLoader;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.inventory.SourceProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live collector through the real SDK clients against the loopback emulator serving the demo tenant. */
class LiveSourceIT {
  static final String SUB1 = "1b2c3d4e-0000-4000-8000-000000000001";
  static final String SUB2 = "1b2c3d4e-0000-4000-8000-000000000002";
  static EmulatedTenant tenant;
  static LiveConnector connector;
  ArmEmulator emulator;
  List<String> log = new ArrayList<>();

  @BeforeAll
  static void tenant() {
    tenant = EmulatedTenant.demo();
    connector = ArmEmulator.connector();
  }

  @BeforeEach
  void start() {
    emulator = ArmEmulator.start(tenant);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  LiveSettings settings(LiveScope scope, LiveSettings.Tuning tuning) {
    return new LiveSettings(scope, "AzureCloud", emulator.baseUrl(), AuthKind.CLI, tuning);
  }

  static LiveSettings.Tuning fast() {
    // Tiny back-off so retry tests do not sleep; the retry logic is the SDK's, unchanged.
    return LiveSettings.Tuning.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
  }

  record Run(LiveSource source, Inventory inventory) {
    Coverage coverage(String scope, String read) {
      return source.coverage().stream().filter(c -> c.scope().equals(scope) && c.read().equals(read)).findFirst()
          .orElseThrow(() -> new AssertionError("no coverage for " + scope + " " + read + " in " + source.coverage()));
    }
  }

  Run run(LiveScope scope, LiveSettings.Tuning tuning) throws LiveFailure {
    LiveSource source = LiveSource.connect(settings(scope, tuning), RulePackLoader.load(RulePackLoader.bundledRoot()).rules(), connector, log::add);
    Inventory inventory = new InventoryBuilder().read(source).build();
    return new Run(source, inventory);
  }

  /** Objects read from the tenant, leaving out the collector's own records of its list calls. */
  static long read(Run run) {
    return run.inventory().objects().stream().filter(o -> !dev.attest.inventory.CollectionMarker.isMarker(o)).count();
  }

  static LiveScope group() {
    return new LiveScope(List.of(), List.of(EmulatedTenant.MANAGEMENT_GROUP), false, null);
  }

  /** Diagnostic settings of types no shipped rule reads: the collector does not ask for them. */
  static final List<String> UNREAD = List.of(
      "microsoft.keyvault/managedhsms/hsm-contoso-keys/providers/microsoft.insights/diagnosticsettings/send-to-security-law");

  @Test
  void readsEveryObjectOfTheDemoTenantThroughResourceGraphAndTheRuleDrivenArmReads() throws Exception {
    Run run = run(group(), fast());
    assertEquals(List.of(), run.inventory().problems().stream().map(SourceProblem::describe).toList());
    assertEquals(tenant.size() - UNREAD.size(), read(run), "every emulated object but the one no rule reads");
    java.util.Set<String> unread = new java.util.TreeSet<>();
    tenant.collections.values().forEach(l -> l.forEach(o -> unread.add(o.get("id").asText().toLowerCase())));
    run.inventory().objects().forEach(o -> unread.remove(o.key()));
    // Each SQL server's firewall-rule list leaves a record (a rule asks collectedChildren about it).
    List<String> markers = run.inventory().objects().stream().filter(dev.attest.inventory.CollectionMarker::isMarker)
        .map(o -> o.id().substring(o.id().indexOf("/servers/") + 9) + " " + o.body().get("properties")).toList();
    assertEquals(List.of(
        "sql-contoso-clinical/providers/Attest.Inventory/collections/Microsoft.Sql.servers.firewallRules "
            + "{\"type\":\"Microsoft.Sql/servers/firewallRules\",\"complete\":true,\"count\":0}",
        "sql-contoso-reporting/providers/Attest.Inventory/collections/Microsoft.Sql.servers.firewallRules "
            + "{\"type\":\"Microsoft.Sql/servers/firewallRules\",\"complete\":true,\"count\":3}"), markers);
    assertEquals(UNREAD, unread.stream().map(id -> id.substring(id.indexOf("/providers/") + 11)).toList());
    assertTrue(tenant.armOnly() > 40, "a good part of the demo is only reachable by ARM list calls: " + tenant.armOnly());
    assertTrue(run.source().scopes().stream().allMatch(c -> c.status() == Coverage.Status.COMPLETE), run.source().scopes().toString());
    assertEquals(List.of(SUB1, SUB2, "managementGroups/" + EmulatedTenant.MANAGEMENT_GROUP),
        run.source().scopes().stream().map(Coverage::scope).toList());
    // One subscription list, three tables for the one batch, one management-group query: no more Resource Graph calls.
    assertEquals(5, emulator.count("/providers/Microsoft.ResourceGraph/resources"));
    // ARM reads only for types the rules read: auditing settings are asked for each SQL server, nothing for disks.
    assertEquals(2, emulator.count("/auditingSettings"));
    assertEquals(0, emulator.count("/Microsoft.Compute/disks/"));
    assertEquals(emulator.seen().size(), run.source().traffic().requests());
  }

  @Test
  void pagesResourceGraphBySkipTokenAndArmByNextLink() throws Exception {
    emulator.armPageSize(2);
    Run run = run(group(), fast().withPaging(10, 100));
    assertEquals(tenant.size() - UNREAD.size(), read(run));
    int resources = tenant.table("Resources").size();
    long graphCalls = emulator.count("/providers/Microsoft.ResourceGraph/resources");
    int expectedPages = 1 + pages(tenant.table("ResourceContainers").size() - 0, 10) + pages(18 - 1, 10)
        + pages(resources, 10) + 1;
    assertEquals(expectedPages, graphCalls, "one call per page of 10 rows");
    assertTrue(emulator.seen().stream().anyMatch(s -> s.path().contains("$skiptoken=2")), "ARM nextLink followed");
  }

  static int pages(int rows, int size) {
    return Math.max(1, (rows + size - 1) / size);
  }

  @Test
  void retriesThrottlingAndServerErrorsHonouringRetryAfter() throws Exception {
    emulator.fail("/auditingSettings$", 2, 429, Map.of("Retry-After", "0"));
    emulator.fail("/encryptionProtector$", 1, 503, Map.of());
    emulator.fail("/providers/Microsoft.ResourceGraph/resources", 1, 429, Map.of("Retry-After", "0"));
    Run run = run(group(), fast());
    assertEquals(tenant.size() - UNREAD.size(), read(run));
    assertEquals(List.of(), run.inventory().problems());
    assertEquals(2 + 2, emulator.count("/auditingSettings"), "two servers, two throttled attempts retried");
    assertEquals(3 + 1, emulator.count("/encryptionProtector"), "two servers and a managed instance, one 503 retried");
    assertEquals(5 + 1, emulator.count("/providers/Microsoft.ResourceGraph/resources"));
    assertEquals(3, run.source().traffic().throttled());
    assertEquals(1, run.source().traffic().serverErrors());
  }

  @Test
  void aReadThatStaysThrottledFailsAfterTheRetryBudgetAndTheRestIsKept() throws Exception {
    emulator.fail("/servers/sql-contoso-clinical/auditingSettings$", -1, 429, Map.of("Retry-After", "0"));
    Run run = run(group(), fast());
    assertEquals(1 + fast().maxRetries(), emulator.count("/servers/sql-contoso-clinical/auditingSettings"));
    Coverage auditing = run.coverage(SUB1, "microsoft.sql/servers/auditingsettings");
    assertEquals(Coverage.Status.PARTIAL, auditing.status(), auditing.toString());
    assertTrue(auditing.reason().contains("1 of 2 call(s) not read") && auditing.reason().contains("HTTP 429"), auditing.reason());
    assertEquals(tenant.size() - UNREAD.size() - 1, read(run), "only the one unreadable auditing setting is missing");
    assertTrue(run.inventory().problems().stream().anyMatch(p -> p.describe().startsWith("live:/subscriptions/" + SUB1
        + ": microsoft.sql/servers/auditingsettings: partial")), run.inventory().problems().toString());
  }

  @Test
  void aDeniedSubscriptionIsRecordedAndTheOtherIsReadInFull() throws Exception {
    emulator.deny(SUB2);
    Run run = run(new LiveScope(List.of(SUB1, SUB2), List.of(), false, null), fast());
    Map<String, Coverage.Status> scopes = new java.util.TreeMap<>();
    run.source().scopes().forEach(c -> scopes.put(c.scope(), c.status()));
    assertEquals(Map.of(SUB1, Coverage.Status.COMPLETE, SUB2, Coverage.Status.DENIED), scopes);
    long sub1Objects = tenant.tables.values().stream().flatMap(List::stream)
        .filter(o -> o.get("id").asText().toLowerCase().startsWith("/subscriptions/" + SUB1)).count()
        + tenant.collections.values().stream().flatMap(List::stream)
        .filter(o -> o.get("id").asText().toLowerCase().startsWith("/subscriptions/" + SUB1)).count();
    assertEquals(sub1Objects - 1, read(run), "all of the readable subscription (less the one unread setting), nothing of the other");
    assertTrue(run.inventory().problems().stream().allMatch(p -> p.describe().contains(SUB2) && p.describe().contains("denied")),
        run.inventory().problems().toString());
    assertEquals(3, run.inventory().problems().size(), "one line per Resource Graph table of the denied subscription");
  }

  @Test
  void aMalformedReplyFailsThatReadWithAClearReason() throws Exception {
    emulator.malformed("/Microsoft.Web/sites/[^/]+/config$");
    Run run = run(group(), fast());
    Coverage config = run.coverage(SUB1, "microsoft.web/sites/config");
    assertEquals(Coverage.Status.FAILED, config.status());
    assertTrue(config.reason().contains("malformed JSON in reply to GET"), config.reason());
    assertEquals(tenant.size() - UNREAD.size() - 3, read(run), "only the three web configs are missing");
  }

  @Test
  void aFirewallRuleListThatFailedLeavesAnIncompleteRecordSoTheRuleIsAnErrorNotAPass() throws Exception {
    emulator.malformed("/Microsoft.Sql/servers/sql-contoso-reporting/firewallRules$");
    Run run = run(group(), fast());
    dev.attest.inventory.ArmObject server = run.inventory().objects().stream()
        .filter(o -> o.id().endsWith("/servers/sql-contoso-reporting")).findFirst().orElseThrow();
    dev.attest.inventory.ArmObject marker = run.inventory().children(server).stream()
        .filter(dev.attest.inventory.CollectionMarker::isMarker).findFirst().orElseThrow();
    assertFalse(marker.body().at("/properties/complete").asBoolean(), marker.body().toString());
    assertTrue(marker.body().at("/properties/reason").asText().contains("malformed JSON"), marker.body().toString());
    dev.attest.rules.Rule rule = RulePackLoader.load(RulePackLoader.bundledRoot()).rule("AZ-PRV-0005").orElseThrow();
    dev.attest.engine.Finding finding = new dev.attest.engine.Engine(Map.of()).evaluate(rule, server, run.inventory());
    assertEquals(dev.attest.engine.Status.ERROR, finding.status(), finding.message());
    assertTrue(finding.message().contains("firewallRules children were not all read"), finding.message());
  }

  @Test
  void aRejectedTokenIsAnAuthenticationFailure() throws Exception {
    emulator.fail("/providers/Microsoft.ResourceGraph/resources", -1, 401, Map.of());
    Run run = run(new LiveScope(List.of(SUB1), List.of(), false, null), fast());
    assertTrue(run.source().authFailure().orElse("").contains("HTTP 401 InvalidAuthenticationToken"),
        run.source().authFailure().toString());
  }

  @Test
  void aCredentialThatCannotSignInFailsBeforeAnyRequest() {
    LiveConnector broken = new LiveConnector(request -> reactor.core.publisher.Mono.error(
        new com.azure.identity.CredentialUnavailableException("Azure CLI not installed")), connector.httpClient());
    LiveFailure failure = org.junit.jupiter.api.Assertions.assertThrows(LiveFailure.class, () -> LiveSource.connect(
        settings(new LiveScope(List.of(SUB1), List.of(), false, null), fast()), List.of(), broken, log::add));
    assertTrue(failure.auth());
    assertEquals("cannot sign in to Azure with --auth cli: Azure CLI not installed; run `az login` (and `az account set`) and retry",
        failure.getMessage());
    assertEquals(0, emulator.seen().size());
  }
}
