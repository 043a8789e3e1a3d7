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

  /**
   * What the collector does not ask for: diagnostic settings of types no shipped rule reads, and
   * the TDE objects of master databases (AZ-ENC-0001 excludes master, and no other rule reads TDE).
   */
  static final List<String> UNREAD = List.of(
      "microsoft.keyvault/managedhsms/hsm-contoso-keys/providers/microsoft.insights/diagnosticsettings/send-to-security-law",
      "microsoft.sql/servers/sql-contoso-clinical/databases/master/transparentdataencryption/current",
      "microsoft.sql/servers/sql-contoso-reporting/databases/master/transparentdataencryption/current");
  /**
   * Objects a live read of the whole demo tenant gives: every emulated object but those no rule
   * reads. (The emulated tenant already holds the subnets embedded in the demo's virtual networks,
   * as the inventory derives them; the collector lifts the same subnets out of the rows.)
   */
  static int expected() {
    return tenant.size() - UNREAD.size();
  }

  @Test
  void readsEveryObjectOfTheDemoTenantThroughResourceGraphAndTheRuleDrivenArmReads() throws Exception {
    Run run = run(group(), fast());
    assertEquals(List.of(), run.inventory().problems().stream().map(SourceProblem::describe).toList());
    assertEquals(expected(), read(run), "every emulated object but the three no rule reads, and the lifted subnets");
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
    assertEquals(new java.util.TreeSet<>(UNREAD),
        new java.util.TreeSet<>(unread.stream().map(id -> id.substring(id.indexOf("/providers/") + 11)).toList()));
    assertTrue(tenant.armOnly() > 40, "a good part of the demo is only reachable by ARM list calls: " + tenant.armOnly());
    assertTrue(run.source().scopes().stream().allMatch(c -> c.status() == Coverage.Status.COMPLETE), run.source().scopes().toString());
    assertEquals(List.of(SUB1, SUB2, "managementGroups/" + EmulatedTenant.MANAGEMENT_GROUP),
        run.source().scopes().stream().map(Coverage::scope).toList());
    // One subscription list, four queries for the one batch (Resources in two: the parents of ARM
    // reads first), one management-group query: no more Resource Graph calls.
    assertEquals(6, emulator.count("/providers/Microsoft.ResourceGraph/resources"));
    // ARM reads only for types the rules read: auditing settings are asked for each SQL server, nothing for disks.
    assertEquals(2, emulator.count("/auditingSettings"));
    assertEquals(0, emulator.count("/Microsoft.Compute/disks/"));
    assertEquals(emulator.seen().size(), run.source().traffic().requests());
  }

  @Test
  void pagesResourceGraphBySkipTokenAndArmByNextLink() throws Exception {
    emulator.armPageSize(2);
    Run run = run(group(), fast().withPaging(10, 100));
    assertEquals(expected(), read(run));
    List<String> parents = LiveSource.parentTypes(RelatedReads.plan(RulePackLoader.load(RulePackLoader.bundledRoot()).rules()));
    int parentRows = (int) tenant.table("Resources").stream()
        .filter(r -> parents.contains(r.get("type").asText().toLowerCase())).count();
    int otherRows = tenant.table("Resources").size() - parentRows;
    long graphCalls = emulator.count("/providers/Microsoft.ResourceGraph/resources");
    int expectedPages = 1 + pages(tenant.table("ResourceContainers").size() - 0, 10) + pages(18 - 1, 10)
        + pages(parentRows, 10) + pages(otherRows, 10) + 1;
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
    assertEquals(expected(), read(run));
    assertEquals(List.of(), run.inventory().problems());
    assertEquals(2 + 2, emulator.count("/auditingSettings"), "two servers, two throttled attempts retried");
    assertEquals(3 + 1, emulator.count("/encryptionProtector"), "two servers and a managed instance, one 503 retried");
    assertEquals(6 + 1, emulator.count("/providers/Microsoft.ResourceGraph/resources"));
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
    assertEquals(expected() - 1, read(run), "only the one unreadable auditing setting is missing");
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
    assertEquals(sub1Objects - 3, read(run), "all of the readable subscription (less the unread setting and the two "
        + "master TDE objects), nothing of the other");
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
    assertEquals(expected() - 3, read(run), "only the three web configs are missing");
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

  // ---- throttling, pacing and slow or broken replies

  @Test
  void resourceGraphIsPacedByItsQuotaWithoutA429() throws Exception {
    // 4 requests a 1-second window (Azure: 15 per 5 s) and pages of 20 rows: about 12 requests.
    emulator.graphQuota(4, Duration.ofSeconds(1));
    long start = System.nanoTime();
    Run run = run(group(), fast().withPaging(20, 100));
    double seconds = (System.nanoTime() - start) / 1e9;
    long requests = emulator.count("/providers/Microsoft.ResourceGraph/resources");
    assertEquals(expected(), read(run));
    // A request in flight as a window turns can land in the next one on a loaded machine; the
    // pacer then waits out the Retry-After. What must never happen is a storm of them.
    assertTrue(emulator.graphThrottled() <= 1, "the pacer waits for the window instead of drawing 429s: "
        + emulator.graphThrottled());
    assertTrue(requests > 8, "enough requests to spend two windows: " + requests);
    assertTrue(seconds >= (requests - 4) / 4 * 1.0 * 0.9, "paced at the quota: " + requests + " requests in " + seconds + " s");
  }

  @Test
  void aNonZeroRetryAfterIsWaitedFor() throws Exception {
    emulator.fail("/servers/sql-contoso-clinical/auditingSettings$", 1, 429, Map.of("Retry-After", "1"));
    Run run = run(group(), fast());
    List<ArmEmulator.Seen> calls = emulator.seen().stream()
        .filter(c -> c.path().toLowerCase().contains("/servers/sql-contoso-clinical/auditingsettings")).toList();
    assertEquals(2, calls.size());
    assertEquals(429, calls.get(0).status());
    double waited = (calls.get(1).atNanos() - calls.get(0).atNanos()) / 1e9;
    assertTrue(waited >= 0.95, "Retry-After: 1 waited for: " + waited + " s");
    assertEquals(Coverage.Status.COMPLETE, run.coverage(SUB1, "microsoft.sql/servers/auditingsettings").status());
  }

  @Test
  void aReplySlowerThanTheRequestTimeoutIsRetriedThenRecordedAndASlowOneWithinItIsRead() throws Exception {
    // The timeout leaves a cold client time for its first TLS connection and Resource Graph call.
    emulator.slow("/servers/sql-contoso-clinical/auditingSettings$", Duration.ofSeconds(4));
    emulator.slow("/encryptionProtector$", Duration.ofMillis(300));
    Run run = run(group(), fast().withRequestTimeout(Duration.ofMillis(1500)).withRetries(1));
    assertEquals(2, emulator.count("/servers/sql-contoso-clinical/auditingSettings"), "one attempt and one retry");
    Coverage auditing = run.coverage(SUB1, "microsoft.sql/servers/auditingsettings");
    assertEquals(Coverage.Status.PARTIAL, auditing.status());
    assertTrue(auditing.reason().contains("sql-contoso-clinical") && auditing.reason().toLowerCase().contains("time"),
        auditing.reason());
    assertEquals(Coverage.Status.COMPLETE, run.coverage(SUB1, "microsoft.sql/servers/encryptionprotector").status());
  }

  @Test
  void aMalformedResourceGraphReplyFailsThoseReads() throws Exception {
    emulator.malformed("/providers/Microsoft.ResourceGraph/resources");
    Run run = run(new LiveScope(List.of(SUB1), List.of(), false, null), fast());
    Coverage resources = run.coverage(SUB1, "Resources");
    assertEquals(Coverage.Status.FAILED, resources.status(), resources.toString());
    assertTrue(run.source().authFailure().isEmpty(), "a broken reply is no sign-in problem");
    assertEquals(0, run.inventory().size());
  }

  @Test
  void aTruncatedResourceGraphResultIsPartialNeverComplete() throws Exception {
    emulator.graphTruncated();
    Run truncated = run(new LiveScope(List.of(SUB1), List.of(), false, null), fast().withPaging(20, 100));
    Coverage resources = truncated.coverage(SUB1, "Resources");
    assertEquals(Coverage.Status.PARTIAL, resources.status());
    assertTrue(resources.reason().contains("Resource Graph truncated the result after 20 of"), resources.reason());
    emulator.close();
    emulator = ArmEmulator.start(tenant).graphDropRows(2);
    Run short_ = run(new LiveScope(List.of(SUB1), List.of(), false, null), fast());
    Coverage fewer = short_.coverage(SUB1, "Resources");
    assertEquals(Coverage.Status.PARTIAL, fewer.status());
    assertTrue(fewer.reason().matches(".*Resource Graph reported \\d+ row\\(s\\) but returned \\d+.*"), fewer.reason());
  }

  @Test
  void aNotFoundListUnderAResourceResourceGraphListedIsNotComplete() throws Exception {
    emulator.fail("/servers/sql-contoso-clinical/firewallRules$", -1, 404, Map.of());
    Run run = run(group(), fast());
    Coverage rules = run.coverage(SUB1, "microsoft.sql/servers/firewallrules");
    assertEquals(Coverage.Status.PARTIAL, rules.status(), rules.toString());
    assertTrue(rules.reason().contains("HTTP 404") && rules.reason().contains("not found"), rules.reason());
    // A workspace without Sentinel answers 404 for its onboarding states: that is "none", and complete.
    assertEquals(Coverage.Status.COMPLETE,
        run.coverage(SUB2, "microsoft.securityinsights/onboardingstates on microsoft.operationalinsights/workspaces").status());
  }

  @Test
  void aSubscriptionResourceGraphLeavesOutIsNotVisibleNeverComplete() throws Exception {
    emulator.hide(SUB2);
    Run run = run(new LiveScope(List.of(SUB1, SUB2), List.of(), false, null), fast());
    Coverage hidden = run.source().scopes().stream().filter(c -> c.scope().equals(SUB2)).findFirst().orElseThrow();
    assertEquals(Coverage.Status.DENIED, hidden.status());
    assertTrue(hidden.reason().contains("not visible to this identity"), hidden.reason());
    assertTrue(run.source().authFailure().isEmpty(), "one readable subscription: incomplete, not a sign-in failure");
    assertTrue(run.inventory().problems().stream().anyMatch(p -> p.describe().contains(SUB2 + ": subscription: denied")));
  }

  @Test
  void armReadsAreBoundedPerSubscriptionAndRunAcrossSubscriptions() throws Exception {
    try (ArmEmulator many = ArmEmulator.start(EmulatedTenant.generated(4, 100)).latency(Duration.ofMillis(20))) {
      LiveSettings settings = new LiveSettings(new LiveScope(List.of(), List.of(EmulatedTenant.MANAGEMENT_GROUP), false, null),
          "AzureCloud", many.baseUrl(), AuthKind.CLI, fast().withConcurrency(6, 2, 4));
      LiveSource source = LiveSource.connect(settings, RulePackLoader.load(RulePackLoader.bundledRoot()).rules(), connector, log::add);
      Inventory inventory = new InventoryBuilder().read(source).build();
      assertEquals(List.of(), inventory.problems());
      for (int s = 1; s <= 4; s++) {
        String sub = String.format("00000000-0000-4000-8000-%012d", s);
        assertTrue(many.mostInFlight(sub) <= 2, sub + ": " + many.mostInFlight(sub));
      }
      assertTrue(many.mostInFlightInAll() <= 6, "in all: " + many.mostInFlightInAll());
      assertTrue(many.mostInFlightInAll() >= 3, "more than one subscription at a time: " + many.mostInFlightInAll());
    }
  }

  @Test
  void armReadsSlowDownAsASubscriptionsReadBudgetRunsLow() throws Exception {
    // A budget of 30 reads refilled at 25 a second (ARM's rate) against about 60 reads.
    try (ArmEmulator budgeted = ArmEmulator.start(EmulatedTenant.generated(1, 100)).armReadBudget(30, 25)) {
      LiveSettings settings = new LiveSettings(new LiveScope(List.of("00000000-0000-4000-8000-000000000001"), List.of(), false,
          null), "AzureCloud", budgeted.baseUrl(), AuthKind.CLI, fast());
      LiveSource source = LiveSource.connect(settings, RulePackLoader.load(RulePackLoader.bundledRoot()).rules(), connector, log::add);
      Inventory inventory = new InventoryBuilder().read(source).build();
      assertEquals(List.of(), inventory.problems());
      assertTrue(budgeted.count("/subscriptions/") > 50, "reads: " + budgeted.count("/subscriptions/"));
      assertTrue(budgeted.armThrottled() <= 2, "paced by x-ms-ratelimit-remaining-subscription-reads: "
          + budgeted.armThrottled() + " 429s");
    }
  }
}
