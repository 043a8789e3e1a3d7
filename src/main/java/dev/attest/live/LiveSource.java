package dev.attest.live;

import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.TimeoutPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.inventory.ArmNormalizer;
import dev.attest.inventory.ArmObject;
import dev.attest.inventory.InventorySink;
import dev.attest.inventory.InventorySource;
import dev.attest.inventory.SourceProblem;
import dev.attest.rules.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Live Azure as an inventory source: Resource Graph for the bulk inventory (batched across
 * subscriptions, paged, paced by its quota), then the ARM list calls the rules need and Resource
 * Graph lacks. Every read gets a {@link Coverage}; anything short of complete is also reported to
 * the sink as a problem, so the scan is marked incomplete (exit 3) and nothing read is dropped.
 */
public final class LiveSource implements InventorySource {
  /** The Resource Graph tables read per subscription batch, in this order. */
  enum Table {
    CONTAINERS("ResourceContainers", "ResourceContainers | order by id asc"),
    AUTHORIZATION("AuthorizationResources", "AuthorizationResources | order by id asc"),
    RESOURCES("Resources", "Resources | order by id asc");

    final String label;
    final String query;

    Table(String label, String query) {
      this.label = label;
      this.query = query;
    }
  }

  /** Lists the subscriptions in scope (with --all-subscriptions or --management-group). */
  static final String SUBSCRIPTIONS_QUERY =
      "ResourceContainers | where type =~ 'microsoft.resources/subscriptions' | project subscriptionId | order by subscriptionId asc";
  /** Role assignments and definitions made at a management group (not below a subscription). */
  static final String GROUP_AUTHORIZATION_QUERY = "AuthorizationResources | where id startswith '/providers/' | order by id asc";
  /** Resource Manager refills a subscription's read budget at 25 reads a second: space paced calls so. */
  static final java.time.Duration ARM_READ_SPACING = java.time.Duration.ofMillis(40);
  private static final java.util.regex.Pattern GUID = java.util.regex.Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final LiveSettings settings;
  private final String endpoint;
  private final RelatedReads.Plan plan;
  /** The Resources-table types the plan reads under: read first, so their ARM reads start early. */
  private final List<String> parentTypes;
  /** Lifts of embedded children, by the parent type whose Resource Graph row holds them. */
  private final Map<String, List<RelatedReads.Lift>> lifts = new java.util.HashMap<>();
  /** Child types whose list calls leave a collection marker (see RelatedReads.markedTypes). */
  private final Map<String, String> marked;
  private final GraphReader graph;
  private final ArmReader arm;
  private final Traffic traffic;
  private final Consumer<String> log;
  private final Progress progress;
  private final LiveConnector connector;
  private final AzureEnvironment environment;
  private final RetryPolicy retry;
  private final HttpPipeline pipeline;
  /** Coverage of the reads after the inventory (policy states, log queries), kept apart for their problems. */
  private final List<Coverage> extraCoverage = Collections.synchronizedList(new ArrayList<>());
  private final ObjectMapper mapper = new ObjectMapper();
  private final List<Coverage> coverage = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger pages = new AtomicInteger();
  private final Set<String> seenSubscriptions = ConcurrentHashMap.newKeySet();
  private volatile String authFailure;
  /** The ARM reads of the current {@link #readInto}; null before. */
  private volatile RelatedCollector related;
  /** Subscriptions whose Resource Graph reads are over, and those whose ARM reads are over too. */
  private final Set<String> graphDone = ConcurrentHashMap.newKeySet();
  private final Set<String> done = ConcurrentHashMap.newKeySet();

  private LiveSource(LiveSettings settings, String endpoint, RelatedReads.Plan plan, Map<String, String> marked,
      GraphReader graph, ArmReader arm, Traffic traffic, Consumer<String> log, Progress progress,
      LiveConnector connector, AzureEnvironment environment, RetryPolicy retry, HttpPipeline pipeline) {
    this.marked = Map.copyOf(marked);
    this.settings = settings;
    this.progress = progress;
    this.connector = connector;
    this.environment = environment;
    this.retry = retry;
    this.pipeline = pipeline;
    this.endpoint = endpoint;
    this.plan = plan;
    this.parentTypes = parentTypes(plan);
    this.graph = graph;
    this.arm = arm;
    this.traffic = traffic;
    this.log = log;
    plan.lifts().forEach(lift -> lifts.computeIfAbsent(lift.parentType(), k -> new ArrayList<>()).add(lift));
  }

  /**
   * Checks the settings, gets a first token (so a sign-in problem is one clear line before any
   * read), and wires the SDK clients. Throws for bad settings (exit 2) and sign-in failures (exit 4).
   */
  public static LiveSource connect(LiveSettings settings, List<Rule> rules, LiveConnector connector,
      Consumer<String> log) throws LiveFailure {
    return connect(settings, rules, connector, log, Progress.silent());
  }

  /** As above, counting pages, related reads and queries into {@code progress}. */
  public static LiveSource connect(LiveSettings settings, List<Rule> rules, LiveConnector connector,
      Consumer<String> log, Progress progress) throws LiveFailure {
    if (settings.logsEndpoint() != null) {
      String problem = Cloud.checkEndpoint("--logs-endpoint", settings.logsEndpoint());
      if (problem != null) {
        throw new LiveFailure(false, problem);
      }
    }
    if (settings.armEndpoint() != null) {
      String problem = Cloud.checkEndpoint(settings.armEndpoint());
      if (problem != null) {
        throw new LiveFailure(false, problem);
      }
    }
    AzureEnvironment environment = Cloud.environment(settings.cloud(), settings.armEndpoint());
    if (environment == null) {
      throw new LiveFailure(false, "--cloud " + settings.cloud() + ": unknown cloud (known: " + Cloud.NAMES + ")");
    }
    String scope = Cloud.scope(environment);
    try {
      if (connector.credential().getTokenSync(new TokenRequestContext().addScopes(scope)) == null) {
        throw new IllegalStateException("the credential returned no token");
      }
    } catch (RuntimeException e) {
      throw new LiveFailure(true, "cannot sign in to Azure with --auth " + settings.auth().option() + ": "
          + LiveFailure.firstLine(e) + "; " + settings.auth().hint());
    }
    LiveSettings.Tuning tuning = settings.tuning();
    Traffic traffic = new Traffic();
    RetryPolicy retry = new RetryPolicy(new ExponentialBackoff(tuning.maxRetries(), tuning.baseDelay(), tuning.maxDelay()));
    ResourceGraphManager manager = ResourceGraphManager.configure()
        .withHttpClient(connector.httpClient())
        .withLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE))
        .withRetryPolicy(retry)
        .withPolicy(new QuotaPolicy(new QuotaPacer(System::nanoTime)))
        .withPolicy(traffic)
        .withPolicy(new TimeoutPolicy(tuning.requestTimeout()))
        .authenticate(connector.credential(), new AzureProfile(settings.scope().tenant(), null, environment));
    HttpPipeline pipeline = new HttpPipelineBuilder()
        .httpClient(connector.httpClient())
        .policies(new UserAgentPolicy("attest"), new RequestIdPolicy(), retry,
            new ArmReadPacing(2 * tuning.perSubscription(), ARM_READ_SPACING, System::nanoTime), traffic,
            new TimeoutPolicy(tuning.requestTimeout()), new BearerTokenAuthenticationPolicy(connector.credential(), scope))
        .build();
    ObjectMapper mapper = new ObjectMapper();
    String endpoint = environment.getResourceManagerEndpoint();
    return new LiveSource(settings, endpoint, RelatedReads.plan(rules), RelatedReads.markedTypes(rules),
        new GraphReader(manager, tuning.pageSize(), mapper), new ArmReader(pipeline, endpoint, mapper), traffic, log,
        progress, connector, environment, retry, pipeline);
  }

  @Override
  public String describe() {
    return "live Azure (" + (settings.armEndpoint() != null ? settings.armEndpoint()
        : settings.cloud() == null ? "AzureCloud" : settings.cloud()) + "): " + settings.scope().describe();
  }

  @Override
  public void readInto(InventorySink target) {
    InventorySink sink = new SerialSink(target);
    long start = System.nanoTime();
    List<String> subscriptions = subscriptions();
    if (subscriptions == null) {
      reportProblems(sink);
      return;
    }
    if (subscriptions.isEmpty()) {
      authFailure = "the identity can read no subscription in " + settings.scope().describe()
          + "; grant it the Reader role on the subscriptions to scan";
      return;
    }
    log.accept("live: Resource Graph: " + subscriptions.size() + " subscription(s), " + plan.reads().size()
        + " related read type(s) from the rules");
    LiveSettings.Tuning tuning = settings.tuning();
    try (SubscriptionScheduler scheduler = new SubscriptionScheduler(tuning.concurrency(), tuning.perSubscription(),
        this::idle)) {
      related = new RelatedCollector(plan, marked, arm, scheduler, progress,
          (object, origin) -> deliver(object, origin, sink), () -> authFailure != null, this::refused);
      // ARM reads start as soon as their parent's row arrives, while Resource Graph is still paging.
      readGraph(subscriptions, sink);
      markInvisible(subscriptions);
      checkReadable(subscriptions);
      try {
        scheduler.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      related.coverage().forEach(this::record);
    }
    reportProblems(sink);
    log.accept(String.format(Locale.ROOT, "live: read in %.1f s: %d request(s), %d throttled, %d server error(s)",
        (System.nanoTime() - start) / 1e9, traffic.requests(), traffic.throttled(), traffic.serverErrors()));
  }

  /** Every read's coverage, by scope then read. */
  public List<Coverage> coverage() {
    synchronized (coverage) {
      List<Coverage> sorted = new ArrayList<>(coverage);
      sorted.sort(java.util.Comparator.comparing(Coverage::scope).thenComparing(Coverage::read));
      return sorted;
    }
  }

  /** One coverage line per scope (subscription or management group): the worst of its reads. */
  public List<Coverage> scopes() {
    Map<String, List<Coverage>> byScope = new TreeMap<>();
    coverage().forEach(c -> byScope.computeIfAbsent(c.scope(), k -> new ArrayList<>()).add(c));
    List<Coverage> rollup = new ArrayList<>();
    byScope.forEach((scope, entries) -> {
      int objects = entries.stream().mapToInt(Coverage::objects).sum();
      boolean allDenied = entries.stream().allMatch(c -> c.status() == Coverage.Status.DENIED);
      boolean allComplete = entries.stream().allMatch(c -> c.status() == Coverage.Status.COMPLETE);
      boolean anyComplete = entries.stream().anyMatch(c -> c.status() == Coverage.Status.COMPLETE);
      Coverage.Status status = allComplete ? Coverage.Status.COMPLETE : allDenied ? Coverage.Status.DENIED
          : anyComplete || objects > 0 ? Coverage.Status.PARTIAL : Coverage.Status.FAILED;
      String reason = entries.stream().filter(c -> c.status() != Coverage.Status.COMPLETE).findFirst()
          .map(c -> c.read() + ": " + c.reason()).orElse(null);
      rollup.add(new Coverage(scope, "all reads", status, objects, reason));
    });
    return rollup;
  }

  /**
   * Azure Policy's latest states and exemptions for the subscriptions read, through the Policy
   * Insights client on the same credential, HTTP client, retries and counting as the inventory.
   * {@code initiatives} are the policy set definitions to ask for (none: the HITRUST/HIPAA
   * initiative and every regulatory-compliance one; {@code *}: every state).
   */
  public dev.attest.policy.PolicyStates readPolicy(List<String> subscriptions, List<String> initiatives) {
    com.azure.resourcemanager.policyinsights.PolicyInsightsManager manager =
        com.azure.resourcemanager.policyinsights.PolicyInsightsManager.configure()
            .withHttpClient(connector.httpClient())
            .withLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE))
            .withRetryPolicy(retry)
            .withPolicy(traffic)
            .withPolicy(new TimeoutPolicy(settings.tuning().requestTimeout()))
            .authenticate(connector.credential(), new AzureProfile(settings.scope().tenant(), null, environment));
    dev.attest.policy.PolicyStates states = new PolicyReader(manager, new ArmReader(pipeline, endpoint, mapper), progress,
        PolicyReader.filterFor(initiatives)).read(subscriptions, this::recordExtra);
    log.accept("live: Azure Policy: " + states.states().size() + " state(s), " + states.exemptions().size()
        + " exemption(s): " + states.status());
    return states;
  }

  /**
   * Runs the log evidence queries against the workspaces for the period. Without a Log Analytics
   * endpoint (a custom cloud without --logs-endpoint) every query is not collected.
   */
  public List<dev.attest.evidence.EvidenceResult> readEvidence(List<dev.attest.evidence.EvidenceQuery> queries,
      List<dev.attest.inventory.ArmObject> workspaces, dev.attest.evidence.ReportingPeriod period) {
    String logsEndpoint = settings.logsEndpoint() != null ? settings.logsEndpoint()
        : Cloud.logsEndpoint(settings.cloud(), settings.armEndpoint());
    LogQueries logs = logsEndpoint != null ? new MonitorLogQueries(new com.azure.monitor.query.LogsQueryClientBuilder()
        .endpoint(logsEndpoint)
        .credential(connector.credential())
        .httpClient(connector.httpClient())
        .httpLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE))
        .retryPolicy(retry)
        .addPolicy(traffic)
        .buildClient(), settings.tuning().requestTimeout())
        : (workspace, kql, from, to) -> {
          throw new ReadError(Coverage.Status.FAILED, false,
              "no Log Analytics endpoint for a custom cloud; give --logs-endpoint URL");
        };
    List<dev.attest.evidence.EvidenceResult> results = new EvidenceCollector(logs, progress)
        .collect(queries, workspaces, period, this::recordExtra);
    log.accept("live: Log Analytics: " + queries.size() + " evidence query(ies) x " + workspaces.size()
        + " workspace(s) for " + period);
    return results;
  }

  /** Reads after the inventory that are not complete, as one problem line each (they make the scan incomplete). */
  public List<String> extraProblems() {
    synchronized (extraCoverage) {
      return extraCoverage.stream().filter(c -> c.status() != Coverage.Status.COMPLETE)
          .sorted(java.util.Comparator.comparing(Coverage::scope).thenComparing(Coverage::read))
          .map(c -> "live:" + scopePath(c.scope()) + ": " + c.read()
              + ": " + c.status().label() + (c.reason() == null ? "" : ": " + c.reason()))
          .toList();
    }
  }

  private void recordExtra(Coverage entry) {
    extraCoverage.add(entry);
    record(entry);
  }

  /** Why the scan could not authenticate or was refused everywhere (exit 4), if it was. */
  public Optional<String> authFailure() {
    return Optional.ofNullable(authFailure);
  }

  /** Requests, throttling and server errors seen so far. */
  public Traffic traffic() {
    return traffic;
  }

  // ---- subscriptions in scope

  /** The subscriptions to read, or null when they cannot be listed (already recorded). */
  private List<String> subscriptions() {
    LiveScope scope = settings.scope();
    if (!scope.allSubscriptions() && scope.managementGroups().isEmpty()) {
      progress.subscriptions(scope.subscriptions().size());
      return scope.subscriptions();
    }
    Set<String> found = new java.util.TreeSet<>(scope.subscriptions());
    GraphReader.Outcome outcome = graph.query(SUBSCRIPTIONS_QUERY, List.of(), scope.managementGroups(),
        row -> found.add(row.path("subscriptionId").asText().toLowerCase(Locale.ROOT)));
    pages.addAndGet(outcome.pages());
    found.remove("");
    if (outcome.error() != null) {
      if (outcome.error().auth()) {
        refused(outcome.error());
        return null;
      }
      String where = scope.managementGroups().isEmpty() ? "tenant" : "managementGroups/" + String.join(",", scope.managementGroups());
      record(new Coverage(where, "subscription list", outcome.error().status(), found.size(), outcome.error().getMessage()));
      if (found.isEmpty()) {
        if (outcome.error().status() == Coverage.Status.DENIED) {
          authFailure = "the identity may not list subscriptions in " + scope.describe() + " ("
              + outcome.error().getMessage() + "); grant it the Reader role there";
        }
        return null;
      }
    }
    progress.subscriptions(found.size());
    return new ArrayList<>(found);
  }

  // ---- Resource Graph

  /**
   * One task per batch of subscriptions reads its tables in turn (Resource Graph's quota is the
   * user's, so queries in parallel would only share it): subscriptions first, then the rows ARM
   * reads hang under, then the other resources and the role assignments. Every subscription's ARM
   * reads can so begin early in the scan and spread over it, which Resource Manager's budget per
   * subscription (refilled at 25 reads a second) needs; batches run side by side.
   */
  private void readGraph(List<String> subscriptions, InventorySink sink) {
    int batchSize = Math.max(1, settings.tuning().batchSize());
    List<Runnable> tasks = new ArrayList<>();
    for (int i = 0; i < subscriptions.size(); i += batchSize) {
      List<String> batch = subscriptions.subList(i, Math.min(subscriptions.size(), i + batchSize));
      tasks.add(() -> {
        for (Table table : List.of(Table.CONTAINERS, Table.RESOURCES, Table.AUTHORIZATION)) {
          readTable(table, batch, sink);
        }
        batch.forEach(this::graphRead);
      });
    }
    for (String group : settings.scope().managementGroups()) {
      tasks.add(() -> readGroupAuthorization(group, sink));
    }
    runAll(tasks, settings.tuning().graphConcurrency());
    log.accept("live: Resource Graph: " + pages.get() + " page(s) read");
  }

  /**
   * Reads one table for a batch. A refusal on the first page splits the batch in halves, so one
   * subscription the identity may not read is isolated in a few more requests and the others are
   * still read.
   */
  private void readTable(Table table, List<String> batch, InventorySink sink) {
    if (authFailure != null) {
      return;
    }
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    List<String> queries = queries(table);
    int rows = 0;
    int pagesRead = 0;
    ReadError error = null;
    for (int q = 0; q < queries.size(); q++) {
      GraphReader.Outcome outcome = graph.query(queries.get(q), batch, List.of(),
          row -> deliver(row, "live:" + table.label, sink, counts), progress::pagesExpected);
      countPages(outcome);
      rows += outcome.rows();
      pagesRead += outcome.pages();
      ReadError failed = outcome.error();
      if (failed != null && failed.auth()) {
        refused(failed);
        return;
      }
      if (failed != null && q == 0 && failed.status() == Coverage.Status.DENIED && outcome.rows() == 0
          && batch.size() > 1) {
        int half = batch.size() / 2;
        readTable(table, batch.subList(0, half), sink);
        readTable(table, batch.subList(half, batch.size()), sink);
        return;
      }
      // A later query still runs when one fails: what can be read is kept, and the table is partial.
      error = error == null ? failed : error;
    }
    for (String subscription : batch) {
      int objects = counts.getOrDefault(subscription, 0);
      Coverage.Status status = error == null ? Coverage.Status.COMPLETE
          : rows > 0 ? Coverage.Status.PARTIAL : error.status();
      String reason = error == null ? null : (rows > 0 ? "stopped after " + pagesRead + " page(s): " : "")
          + error.getMessage();
      record(new Coverage(subscription, table.label, status, objects, reason));
    }
  }

  /**
   * The queries that read a table. Resources comes in two that split its rows: first the types
   * the rules' ARM reads hang under ({@link #parentTypes}), then every other type.
   */
  private List<String> queries(Table table) {
    if (table != Table.RESOURCES || parentTypes.isEmpty()) {
      return List.of(table.query);
    }
    String types = String.join(", ", parentTypes.stream().map(t -> "'" + t + "'").toList());
    return List.of("Resources | where type in~ (" + types + ") | order by id asc",
        "Resources | where type !in~ (" + types + ") | order by id asc");
  }

  /** The Resources-table types the plan reads under (not subscriptions, not what ARM itself returns). */
  static List<String> parentTypes(RelatedReads.Plan plan) {
    return plan.reads().stream().map(RelatedReads.Read::parentType)
        .filter(t -> !t.startsWith("microsoft.resources/") && !RelatedReads.CHILDREN.containsKey(t))
        .distinct().sorted().toList();
  }

  private void readGroupAuthorization(String group, InventorySink sink) {
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    GraphReader.Outcome outcome = graph.query(GROUP_AUTHORIZATION_QUERY, List.of(), List.of(group),
        row -> deliver(row, "live:AuthorizationResources", sink, counts), progress::pagesExpected);
    countPages(outcome);
    ReadError error = outcome.error();
    Coverage.Status status = error == null ? Coverage.Status.COMPLETE
        : outcome.rows() > 0 ? Coverage.Status.PARTIAL : error.status();
    record(new Coverage("managementGroups/" + group, "AuthorizationResources", status, outcome.rows(),
        error == null ? null : error.getMessage()));
  }

  private void countPages(GraphReader.Outcome outcome) {
    pages.addAndGet(outcome.pages());
    for (int i = 0; i < outcome.pages(); i++) {
      progress.page();
    }
  }

  /**
   * A requested subscription for which Resource Graph answered but returned neither rows nor its
   * own ResourceContainers entry is not visible to the identity (Resource Graph leaves out what it
   * may not read, rather than refusing, and says nothing of subscriptions that do not exist): it is
   * denied, never complete with nothing in it.
   */
  private void markInvisible(List<String> subscriptions) {
    for (String subscription : subscriptions) {
      boolean containersRead = coverage().stream().anyMatch(c -> c.scope().equals(subscription)
          && c.read().equals(Table.CONTAINERS.label) && c.status() == Coverage.Status.COMPLETE);
      if (containersRead && !seenSubscriptions.contains(subscription)) {
        coverage.removeIf(c -> c.scope().equals(subscription));
        record(new Coverage(subscription, "subscription", Coverage.Status.DENIED, 0,
            "not visible to this identity (no read access, or no such subscription)"));
      }
    }
  }

  /** An identity that can read none of the subscriptions in scope is an authorisation failure (exit 4). */
  private void checkReadable(List<String> subscriptions) {
    if (authFailure != null) {
      return;
    }
    Map<String, Coverage> byScope = new TreeMap<>();
    scopes().forEach(c -> byScope.put(c.scope(), c));
    List<String> refusedOnes = new ArrayList<>();
    for (String subscription : subscriptions) {
      Coverage c = byScope.get(subscription);
      if (c == null || c.status() != Coverage.Status.DENIED) {
        return;
      }
      refusedOnes.add(subscription + ": " + c.reason());
    }
    String example = subscriptions.size() == 1 ? "/subscriptions/" + subscriptions.get(0) : "/subscriptions/<id>";
    authFailure = "the identity can read none of the " + subscriptions.size() + " subscription(s) in scope ("
        + String.join("; ", refusedOnes) + "); grant it the Reader role on each (az role assignment create "
        + "--assignee <its object id> --role Reader --scope " + example + "), or check the subscription ids";
  }

  /** A 401: the token was not accepted. One line saying what to do; the scan stops (exit 4). */
  private void refused(ReadError error) {
    if (authFailure == null) {
      authFailure = "Azure refused the token (" + error.getMessage() + "); sign in again for the tenant and cloud "
          + "that hold the subscriptions (--tenant, --cloud): " + settings.auth().hint();
    }
  }

  /** Resource Graph has finished with a subscription; it is done once its ARM reads are too. */
  private void graphRead(String subscription) {
    graphDone.add(subscription);
    RelatedCollector current = related;
    if (current == null || current.idle(subscription)) {
      finished(subscription);
    }
  }

  /** The scheduler has no ARM read left for a subscription. */
  private void idle(String subscription) {
    if (graphDone.contains(subscription)) {
      finished(subscription);
    }
  }

  private void finished(String subscription) {
    if (done.add(subscription)) {
      progress.subscriptionDone();
    }
  }

  // ---- shared

  /** Delivers an object a related read returned (counted in its read's own coverage). */
  private void deliver(JsonNode row, String origin, InventorySink sink) {
    deliver(row, origin, sink, null);
  }

  /**
   * Normalises a row and hands it on: its embedded children the rules address by id are lifted
   * out as objects of their own, the ARM reads under it are queued (before the sink takes the
   * object, whose body is the sink's from then on), and it goes to the sink.
   */
  private void deliver(JsonNode row, String origin, InventorySink sink, Map<String, Integer> counts) {
    ArmNormalizer.Result result = ArmNormalizer.normalize(row);
    if (result.object() == null) {
      sink.problem(new SourceProblem(origin, 0, 0, "skipped an object that " + result.rejection()));
      return;
    }
    ArmObject object = result.object();
    List<JsonNode> lifted = lift(object);
    RelatedCollector current = related;
    if (current != null) {
      current.offer(object);
    }
    sink.accept(object, origin);
    if (counts != null) {
      counts.merge(object.subscriptionId(), 1, Integer::sum);
    }
    if (object.typeKey().equals("microsoft.resources/subscriptions")) {
      seenSubscriptions.add(object.subscriptionId());
    }
    for (JsonNode child : lifted) {
      deliver(child, origin + " (embedded)", sink, counts);
    }
  }

  /**
   * Copies of the children Resource Graph embeds in this row that rules address as objects
   * (a virtual network's subnets): the same objects ARM's list call returns, so none is read again.
   */
  private List<JsonNode> lift(ArmObject object) {
    List<RelatedReads.Lift> wanted = lifts.get(object.typeKey());
    if (wanted == null) {
      return List.of();
    }
    List<JsonNode> children = new ArrayList<>();
    String prefix = object.key() + "/";
    for (RelatedReads.Lift lift : wanted) {
      JsonNode array = object.body().path("properties").path(lift.array());
      for (JsonNode element : array) {
        JsonNode id = element.get("id");
        if (element.isObject() && id != null && id.isTextual()
            && dev.attest.inventory.ResourceIds.key(id.asText()).startsWith(prefix)) {
          com.fasterxml.jackson.databind.node.ObjectNode child = element.deepCopy();
          if (!child.hasNonNull("type")) {
            child.put("type", lift.type());
          }
          children.add(child);
        }
      }
    }
    return children;
  }

  private void record(Coverage entry) {
    coverage.add(entry);
  }

  private void reportProblems(InventorySink sink) {
    for (Coverage entry : coverage()) {
      if (entry.status() != Coverage.Status.COMPLETE) {
        sink.problem(new SourceProblem("live:" + scopePath(entry.scope()), 0, 0, entry.read() + ": "
            + entry.status().label() + (entry.reason() == null ? "" : ": " + entry.reason())));
      }
    }
  }

  /** A coverage scope as a path: a subscription id becomes /subscriptions/{id}; others stay as they are. */
  static String scopePath(String scope) {
    return GUID.matcher(scope).matches() ? "/subscriptions/" + scope : scope;
  }

  /** Runs tasks on at most {@code threads} threads and waits for all of them. */
  private static void runAll(List<Runnable> tasks, int threads) {
    if (tasks.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, tasks.size())), runnable -> {
      Thread thread = new Thread(runnable, "attest-live");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      tasks.forEach(task -> futures.add(pool.submit(task)));
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      // Tasks catch what they expect; anything else is a bug worth one clear line, not a lost scan.
      throw new IllegalStateException("live collection failed: " + LiveFailure.firstLine(e.getCause()), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Serialises deliveries from collector threads into a sink that is not thread-safe. */
  private static final class SerialSink implements InventorySink {
    private final InventorySink target;

    SerialSink(InventorySink target) {
      this.target = target;
    }

    @Override
    public synchronized void accept(ArmObject object, String origin) {
      target.accept(object, origin);
    }

    @Override
    public synchronized void problem(SourceProblem problem) {
      target.problem(problem);
    }
  }
}
