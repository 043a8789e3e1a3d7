package dev.attest.live;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attest.inventory.ResourceIds;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * A loopback HTTPS emulator of Azure Resource Manager and Resource Graph serving an
 * {@link EmulatedTenant}: Resource Graph queries paged by {@code $skipToken} (with quota headers),
 * ARM list calls paged by absolute {@code nextLink}s, and faults on demand: 429 with Retry-After,
 * 5xx, 401, a 403 for whole subscriptions, latency and malformed bodies. Every request is logged.
 */
public final class ArmEmulator implements AutoCloseable {
  /** One request as the emulator saw it, with the status it answered. */
  public record Seen(String method, String path, String body, int status, long atNanos) {}

  /** A canned reply for requests whose path matches, {@code times} times (negative: for ever). */
  private record Fault(Pattern path, AtomicInteger remaining, int status, Map<String, String> headers, String body) {
    boolean forever() {
      return remaining.get() == Integer.MIN_VALUE;
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_GRAPH_PAGE = 1000;

  private final EmulatedTenant tenant;
  private final EmulatorServer server;
  /** Requests as they came (a copy-on-write list would copy itself on every one of 100,000 requests). */
  private final List<Seen> seen = java.util.Collections.synchronizedList(new ArrayList<>());
  /** The rows a Resource Graph query selects, worked out once per query rather than once per page. */
  private final Map<String, List<JsonNode>> selected = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final Set<String> denied = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile int latencyMillis;
  private volatile int armPageSize = 100;
  /** Resource Graph's per-user quota (null: none), and each subscription's ARM read budget (null: none). */
  private volatile EmulatedQuotas.Window graphQuota;
  private volatile EmulatedQuotas.Buckets armReads;
  private final Set<String> hidden = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final List<Slow> slow = new CopyOnWriteArrayList<>();
  private volatile int graphDropRows;
  private volatile boolean graphTruncated;
  /** ARM requests in flight per subscription, the most seen at once per subscription, and in all. */
  private final Map<String, AtomicInteger> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Integer> mostInFlight = new java.util.concurrent.ConcurrentHashMap<>();
  private final AtomicInteger allInFlight = new AtomicInteger();
  private volatile int mostInFlightInAll;
  private final AtomicInteger graphThrottled = new AtomicInteger();
  private final AtomicInteger armThrottled = new AtomicInteger();

  /** Replies to matching paths wait this much longer. */
  private record Slow(Pattern path, Duration delay) {}
  /** Policy Insights latest states per subscription (lower-case), and policy exemptions per subscription. */
  private final Map<String, List<JsonNode>> policyStates = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, List<JsonNode>> exemptions = new java.util.concurrent.ConcurrentHashMap<>();
  /** Log Analytics tables per workspace customer id: table name to its columns and rows. */
  private final Map<String, Map<String, LogTable>> workspaces = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile int policyPageSize = 2;

  /** A Log Analytics table the emulator serves: column names (all typed string) and rows. */
  public record LogTable(List<String> columns, List<List<String>> rows) {}

  private ArmEmulator(EmulatedTenant tenant) throws Exception {
    this.tenant = tenant;
    server = new EmulatorServer(EmulatorTls.serverSsl(), this::handle);
  }

  public static ArmEmulator start(EmulatedTenant tenant) {
    try {
      return new ArmEmulator(tenant);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the emulator: " + e.getMessage(), e);
    }
  }

  /** e.g. https://127.0.0.1:41234/ */
  public String baseUrl() {
    return "https://127.0.0.1:" + server.port() + "/";
  }

  public List<Seen> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  /** Requests whose path contains the text (case-insensitive). */
  public long count(String pathPart) {
    String part = pathPart.toLowerCase(Locale.ROOT);
    return seen().stream().filter(s -> s.path().toLowerCase(Locale.ROOT).contains(part)).count();
  }

  public ArmEmulator latency(Duration latency) {
    latencyMillis = (int) latency.toMillis();
    return this;
  }

  public ArmEmulator armPageSize(int size) {
    armPageSize = size;
    return this;
  }

  /** Every request touching this subscription (or a Resource Graph query naming it) gets 403. */
  public ArmEmulator deny(String subscription) {
    denied.add(subscription.toLowerCase(Locale.ROOT));
    return this;
  }

  /**
   * Enforces Resource Graph's per-user quota as the service does: {@code perWindow} requests per
   * {@code window} (15 per 5 seconds by default in Azure), told in {@code x-ms-user-quota-remaining}
   * and {@code x-ms-user-quota-resets-after}; a request over it gets 429 with Retry-After.
   */
  public ArmEmulator graphQuota(int perWindow, Duration window) {
    graphQuota = new EmulatedQuotas.Window(perWindow, window);
    return this;
  }

  /**
   * Gives every subscription a Resource Manager read budget as ARM's token bucket does
   * ({@code capacity} reads, refilled at {@code perSecond}), told in
   * {@code x-ms-ratelimit-remaining-subscription-reads}; a read over it gets 429 with Retry-After.
   */
  public ArmEmulator armReadBudget(int capacity, double perSecond) {
    armReads = new EmulatedQuotas.Buckets(capacity, perSecond);
    return this;
  }

  /** 429s Resource Graph answered because its quota was spent. */
  public int graphThrottled() {
    return graphThrottled.get();
  }

  /** 429s ARM answered because a subscription's read budget was spent. */
  public int armThrottled() {
    return armThrottled.get();
  }

  /**
   * Resource Graph leaves this subscription out of every result without refusing, as it does for
   * subscriptions the identity may not read; ARM refuses it (403).
   */
  public ArmEmulator hide(String subscription) {
    hidden.add(subscription.toLowerCase(Locale.ROOT));
    selected.clear();
    return this;
  }

  /** Replies to requests whose path matches come {@code delay} later than others. */
  public ArmEmulator slow(String pathRegex, Duration delay) {
    slow.add(new Slow(Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE), delay));
    return this;
  }

  /** Resource Graph's last page leaves out {@code rows} rows while totalRecords still counts them. */
  public ArmEmulator graphDropRows(int rows) {
    graphDropRows = rows;
    return this;
  }

  /** Resource Graph says every result is truncated (resultTruncated: true). */
  public ArmEmulator graphTruncated() {
    graphTruncated = true;
    return this;
  }

  /** Replies with {@code status} (and headers) to the next {@code times} requests whose path matches. */
  public ArmEmulator fail(String pathRegex, int times, int status, Map<String, String> headers) {
    String body = status == 429 ? error("TooManyRequests", "emulated throttling")
        : status == 401 ? error("InvalidAuthenticationToken", "The access token is invalid.")
        : status == 403 ? error("AuthorizationFailed", "The client does not have authorization to perform this action.")
        : error("InternalServerError", "emulated failure");
    faults.add(new Fault(Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE), new AtomicInteger(times < 0 ? Integer.MIN_VALUE : times), status, headers, body));
    return this;
  }

  /** Replies 200 with a body that is not JSON to requests whose path matches. */
  public ArmEmulator malformed(String pathRegex) {
    faults.add(new Fault(Pattern.compile(pathRegex, Pattern.CASE_INSENSITIVE), new AtomicInteger(Integer.MIN_VALUE), 200, Map.of(),
        "{\"value\": [ {\"id\": \"/subscriptions/"));
    return this;
  }

  /** The built-in HITRUST/HIPAA initiative. */
  public static final String HITRUST_HIPAA = "a169a624-5599-4385-a696-c8d643089fab";

  /** Serves a latest state of the HITRUST/HIPAA initiative for a resource (queryResults of its subscription). */
  public ArmEmulator policyState(String resourceId, String definitionId, String state, String... groups) {
    return initiativeState(HITRUST_HIPAA, "Regulatory Compliance", resourceId, definitionId, state, groups);
  }

  /** Serves a latest policy state of the initiative {@code setName} (of {@code category}) for a resource. */
  public ArmEmulator initiativeState(String setName, String category, String resourceId, String definitionId,
      String state, String... groups) {
    ObjectNode row = MAPPER.createObjectNode();
    String subscription = ResourceIds.subscriptionId(resourceId);
    row.put("timestamp", "2026-09-30T00:00:00Z").put("resourceId", resourceId).put("subscriptionId", subscription)
        .put("policyAssignmentId", "/subscriptions/" + subscription + "/providers/Microsoft.Authorization/policyAssignments/" + setName)
        .put("policySetDefinitionId", "/providers/Microsoft.Authorization/policySetDefinitions/" + setName)
        .put("policySetDefinitionName", setName).put("policySetDefinitionCategory", category)
        .put("policyDefinitionId", "/providers/Microsoft.Authorization/policyDefinitions/" + definitionId)
        .put("complianceState", state).put("isCompliant", state.equals("Compliant"));
    ArrayNode names = row.putArray("policyDefinitionGroupNames");
    for (String group : groups) {
      names.add(group);
    }
    policyStates.computeIfAbsent(subscription.toLowerCase(Locale.ROOT), k -> new CopyOnWriteArrayList<>()).add(row);
    return this;
  }

  /** Serves a policy exemption in the subscription. */
  public ArmEmulator exemption(String subscription, String name) {
    return exemption("/subscriptions/" + subscription, name, "Mitigated", null, name);
  }

  /** Serves a policy exemption at a scope (subscription, resource group or resource) of a subscription. */
  public ArmEmulator exemption(String scope, String name, String category, String expiresOn, String displayName) {
    ObjectNode row = MAPPER.createObjectNode();
    String subscription = ResourceIds.subscriptionId(scope);
    row.put("id", scope + "/providers/Microsoft.Authorization/policyExemptions/" + name)
        .put("name", name).put("type", "Microsoft.Authorization/policyExemptions");
    ObjectNode properties = row.putObject("properties").put("exemptionCategory", category)
        .put("displayName", displayName)
        .put("policyAssignmentId", "/subscriptions/" + subscription + "/providers/Microsoft.Authorization/policyAssignments/"
            + HITRUST_HIPAA);
    properties.putArray("policyDefinitionReferenceIds").add("ref-" + name);
    if (expiresOn != null) {
      properties.put("expiresOn", expiresOn);
    }
    exemptions.computeIfAbsent(subscription.toLowerCase(Locale.ROOT), k -> new CopyOnWriteArrayList<>()).add(row);
    return this;
  }

  /** Policy states per queryResults page (paged by @odata.nextLink). */
  public ArmEmulator policyPageSize(int size) {
    policyPageSize = size;
    return this;
  }

  /** Serves a Log Analytics table in the workspace with this customer id; other tables do not exist there. */
  public ArmEmulator logTable(String workspaceId, String table, List<String> columns, List<List<String>> rows) {
    workspaces.computeIfAbsent(workspaceId.toLowerCase(Locale.ROOT), k -> new java.util.concurrent.ConcurrentHashMap<>())
        .put(table.toLowerCase(Locale.ROOT), new LogTable(columns, rows));
    return this;
  }

  /** A connector with a static token and a client trusting the emulator: no network credential probe. */
  public static LiveConnector connector() {
    TokenCredential credential = request -> Mono.just(new AccessToken("emulator-token", OffsetDateTime.now().plusHours(1)));
    return new LiveConnector(credential, EmulatorTls.httpClient(Duration.ofSeconds(20)));
  }

  @Override
  public void close() {
    server.close();
  }

  // ---- request handling

  private EmulatorServer.Reply handle(String method, String path, String query, String body) {
    long arrived = System.nanoTime();
    String subscription = method.equals("GET") ? ResourceIds.subscriptionId(path) : "";
    Runnable sent = () -> { };
    if (!subscription.isEmpty()) {
      int mine = inFlight.computeIfAbsent(subscription, k -> new AtomicInteger()).incrementAndGet();
      mostInFlight.merge(subscription, mine, Math::max);
      int all = allInFlight.incrementAndGet();
      mostInFlightInAll = Math.max(mostInFlightInAll, all);
      sent = () -> {
        inFlight.get(subscription).decrementAndGet();
        allInFlight.decrementAndGet();
      };
    }
    Reply reply;
    long delay = latencyMillis;
    try {
      // Quotas are counted as the request arrives; the reply then takes the emulated latency.
      reply = route(method, path, query, body);
      for (Slow s : slow) {
        delay += s.path().matcher(path).find() ? s.delay().toMillis() : 0;
      }
    } catch (Exception e) {
      reply = new Reply(500, Map.of(), error("EmulatorBug", String.valueOf(e)));
    }
    seen.add(new Seen(method, path + (query == null ? "" : "?" + query), body, reply.status(), arrived));
    Map<String, String> headers = new LinkedHashMap<>(reply.headers());
    headers.put("x-ms-request-id", java.util.UUID.randomUUID().toString());
    return new EmulatorServer.Reply(reply.status(), headers, reply.body(), delay, sent);
  }

  /** The most ARM GETs that were in flight at once for one subscription. */
  public int mostInFlight(String subscription) {
    return mostInFlight.getOrDefault(subscription.toLowerCase(Locale.ROOT), 0);
  }

  /** The most ARM GETs that were in flight at once in all. */
  public int mostInFlightInAll() {
    return mostInFlightInAll;
  }

  private record Reply(int status, Map<String, String> headers, String body) {}

  private Reply route(String method, String path, String query, String body) throws Exception {
    for (Fault fault : faults) {
      if (fault.path().matcher(path).find() && (fault.forever() || fault.remaining().getAndDecrement() > 0)) {
        return new Reply(fault.status(), fault.headers(), fault.body());
      }
    }
    if (method.equals("POST") && path.equalsIgnoreCase("/providers/Microsoft.ResourceGraph/resources")) {
      EmulatedQuotas.Window quota = graphQuota;
      EmulatedQuotas.Decision decision = quota == null ? null : quota.take(System.nanoTime());
      if (decision != null && !decision.allowed()) {
        graphThrottled.incrementAndGet();
        return new Reply(429, decision.headers(), error("RateLimiting", "Please provide below info when asking for "
            + "support: timestamp, correlationId. Too many requests."));
      }
      Reply reply = graph(MAPPER.readTree(body));
      if (decision != null) {
        Map<String, String> headers = new LinkedHashMap<>(reply.headers());
        headers.putAll(decision.headers());
        reply = new Reply(reply.status(), headers, reply.body());
      }
      return reply;
    }
    java.util.regex.Matcher policy = POLICY_STATES.matcher(path);
    // The first page is a POST; the SDK follows @odata.nextLink with a GET.
    if ((method.equals("POST") || method.equals("GET")) && policy.matches()) {
      return policyStates(policy.group(1).toLowerCase(Locale.ROOT), params(query));
    }
    java.util.regex.Matcher logs = LOG_QUERY.matcher(path);
    if (method.equals("POST") && logs.matches()) {
      return logQuery(logs.group(1).toLowerCase(Locale.ROOT), MAPPER.readTree(body));
    }
    java.util.regex.Matcher exempt = EXEMPTIONS.matcher(path);
    if (method.equals("GET") && exempt.matches()) {
      ObjectNode page = MAPPER.createObjectNode();
      ArrayNode value = page.putArray("value");
      exemptions.getOrDefault(exempt.group(1).toLowerCase(Locale.ROOT), List.of()).forEach(value::add);
      return new Reply(200, Map.of(), page.toString());
    }
    if (method.equals("GET")) {
      EmulatedQuotas.Buckets budget = armReads;
      String subscription = ResourceIds.subscriptionId(path);
      EmulatedQuotas.Decision decision = budget == null || subscription.isEmpty() ? null
          : budget.take(subscription, System.nanoTime());
      if (decision != null && !decision.allowed()) {
        armThrottled.incrementAndGet();
        return new Reply(429, decision.headers(), error("SubscriptionRequestsThrottled",
            "Number of 'read' requests for subscription '" + subscription + "' exceeded the limit."));
      }
      Reply reply = list(path, query);
      return decision == null ? reply : new Reply(reply.status(), decision.headers(), reply.body());
    }
    return new Reply(404, Map.of(), error("NotFound", "no route for " + method + " " + path));
  }

  private static final Pattern POLICY_STATES = Pattern.compile(
      "/subscriptions/([^/]+)/providers/Microsoft\\.PolicyInsights/policyStates/latest/queryResults", Pattern.CASE_INSENSITIVE);
  private static final Pattern LOG_QUERY = Pattern.compile("/v1/workspaces/([^/]+)/query", Pattern.CASE_INSENSITIVE);
  private static final Pattern EXEMPTIONS = Pattern.compile(
      "/subscriptions/([^/]+)/providers/Microsoft\\.Authorization/policyExemptions", Pattern.CASE_INSENSITIVE);

  /** Policy Insights' queryResults: an OData page of states, the rest behind an absolute @odata.nextLink. */
  private Reply policyStates(String subscription, Map<String, String> params) {
    if (denied.contains(subscription) || hidden.contains(subscription)) {
      return new Reply(403, Map.of(), error("AuthorizationFailed", "no Microsoft.PolicyInsights/policyStates/queryResults/read"));
    }
    java.util.function.Predicate<JsonNode> filter;
    try {
      filter = odataFilter(params.get("$filter"));
    } catch (IllegalArgumentException e) {
      return new Reply(400, Map.of(), error("InvalidFilterInQueryString", e.getMessage()));
    }
    List<JsonNode> rows = policyStates.getOrDefault(subscription, List.of()).stream().filter(filter).toList();
    int from = Integer.parseInt(params.getOrDefault("$skiptoken", "0"));
    int to = Math.min(rows.size(), from + policyPageSize);
    ObjectNode page = MAPPER.createObjectNode();
    page.put("@odata.context", "https://management.azure.com/$metadata#PolicyStates");
    page.put("@odata.count", to - from);
    ArrayNode value = page.putArray("value");
    rows.subList(Math.min(from, rows.size()), to).forEach(value::add);
    if (to < rows.size()) {
      page.put("@odata.nextLink", baseUrl() + "subscriptions/" + subscription
          + "/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults?api-version="
          + params.getOrDefault("api-version", "2019-10-01") + "&$skiptoken=" + to
          + (params.containsKey("$filter") ? "&$filter=" + java.net.URLEncoder.encode(params.get("$filter"),
              StandardCharsets.UTF_8).replace("+", "%20") : ""));
    }
    return new Reply(200, Map.of(), page.toString());
  }

  private static final Pattern EQ = Pattern.compile("\\s*(\\w+)\\s+eq\\s+'((?:[^']|'')*)'\\s*");

  /** The OData filters Policy Insights is asked here: {@code field eq 'value'} terms joined by {@code or}. */
  static java.util.function.Predicate<JsonNode> odataFilter(String filter) {
    if (filter == null || filter.isBlank()) {
      return row -> true;
    }
    java.util.function.Predicate<JsonNode> any = row -> false;
    for (String term : filter.split("(?i)\\s+or\\s+")) {
      java.util.regex.Matcher m = EQ.matcher(term);
      if (!m.matches()) {
        throw new IllegalArgumentException("unsupported $filter term: " + term);
      }
      String field = m.group(1);
      String value = m.group(2).replace("''", "'");
      any = any.or(row -> {
        for (var it = row.fields(); it.hasNext(); ) {
          var e = it.next();
          if (e.getKey().equalsIgnoreCase(field)) {
            return e.getValue().asText().equalsIgnoreCase(value);
          }
        }
        return false;
      });
    }
    return any;
  }

  /**
   * The Log Analytics query API: the query's first name is its table; a table the workspace lacks
   * is the service's 400 SemanticError; a trailing {@code | take N} is honoured.
   */
  private Reply logQuery(String workspace, JsonNode request) {
    String kql = request.path("query").asText();
    String table = kql.strip().split("[^A-Za-z0-9_]", 2)[0];
    LogTable served = workspaces.getOrDefault(workspace, Map.of()).get(table.toLowerCase(Locale.ROOT));
    if (served == null) {
      ObjectNode root = MAPPER.createObjectNode();
      ObjectNode error = root.putObject("error").put("code", "BadArgumentError").put("message", "The request had some invalid properties");
      error.putObject("innererror").put("code", "SemanticError").put("message", "A semantic error occurred.")
          .putObject("innererror").put("code", "SEM0100")
          .put("message", "'where' operator: Failed to resolve table or column expression named '" + table + "'");
      return new Reply(400, Map.of(), root.toString());
    }
    java.util.regex.Matcher take = Pattern.compile("\\|\\s*take\\s+(\\d+)\\s*$").matcher(kql);
    int limit = take.find() ? Integer.parseInt(take.group(1)) : Integer.MAX_VALUE;
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode t = root.putArray("tables").addObject().put("name", "PrimaryResult");
    ArrayNode columns = t.putArray("columns");
    served.columns().forEach(c -> columns.addObject().put("name", c).put("type", "string"));
    ArrayNode rows = t.putArray("rows");
    served.rows().stream().limit(limit).forEach(r -> {
      ArrayNode row = rows.addArray();
      r.forEach(row::add);
    });
    return new Reply(200, Map.of(), root.toString());
  }

  private Reply graph(JsonNode request) {
    List<String> subscriptions = new ArrayList<>();
    request.path("subscriptions").forEach(s -> subscriptions.add(s.asText().toLowerCase(Locale.ROOT)));
    List<String> groups = new ArrayList<>();
    request.path("managementGroups").forEach(g -> groups.add(g.asText()));
    for (String subscription : subscriptions) {
      if (denied.contains(subscription)) {
        return new Reply(403, Map.of(), error("AuthorizationFailed", "The client does not have authorization to perform "
            + "action 'Microsoft.ResourceGraph/resources/read' over scope '/subscriptions/" + subscription + "'."));
      }
    }
    for (String group : groups) {
      if (!group.equalsIgnoreCase(EmulatedTenant.MANAGEMENT_GROUP)) {
        return new Reply(403, Map.of(), error("AuthorizationFailed", "no access to management group " + group));
      }
    }
    String text = request.path("query").asText();
    List<JsonNode> rows = selected.computeIfAbsent(text + "|" + subscriptions + "|" + groups,
        k -> select(text, new java.util.HashSet<>(subscriptions), groups));
    return graphPage(rows, request.path("options"));
  }

  private List<JsonNode> select(String text, Set<String> subscriptions, List<String> groups) {
    List<JsonNode> rows = new ArrayList<>();
    if (text.contains("project subscriptionId")) {
      List<String> scope = subscriptions.isEmpty() ? tenant.subscriptions : subscriptions.stream().sorted().toList();
      scope.stream().filter(s -> tenant.subscriptions.contains(s) && !hidden.contains(s))
          .forEach(s -> rows.add(MAPPER.createObjectNode().put("subscriptionId", s)));
      return rows;
    }
    String table = text.split("[\\s|]+")[0];
    boolean groupLevelOnly = text.contains("startswith '/providers/'");
    // "where type in~ (...)" or "!in~": the type list, and whether it selects or excludes.
    java.util.regex.Matcher types = Pattern.compile("where type (!?)in~ \\(([^)]*)\\)").matcher(text);
    Set<String> typeList = new java.util.HashSet<>();
    boolean excluding = false;
    if (types.find()) {
      excluding = !types.group(1).isEmpty();
      for (String t : types.group(2).split(",")) {
        typeList.add(t.trim().replace("'", "").toLowerCase(Locale.ROOT));
      }
    }
    for (JsonNode row : tenant.table(table)) {
      if (!typeList.isEmpty() && typeList.contains(row.get("type").asText().toLowerCase(Locale.ROOT)) == excluding) {
        continue;
      }
      String subscription = ResourceIds.subscriptionId(row.get("id").asText());
      boolean inScope = groupLevelOnly ? subscription.isEmpty() && !groups.isEmpty()
          : subscriptions.isEmpty() ? !groups.isEmpty() && !subscription.isEmpty() : subscriptions.contains(subscription);
      inScope &= !hidden.contains(subscription);
      if (inScope) {
        rows.add(row);
      }
    }
    if (text.contains("order by name asc, id asc")) {
      rows.sort(java.util.Comparator.comparing((JsonNode r) -> r.path("name").asText().toLowerCase(Locale.ROOT))
          .thenComparing(r -> ResourceIds.key(r.get("id").asText())));
    }
    return rows;
  }

  private Reply graphPage(List<JsonNode> rows, JsonNode options) {
    int top = Math.min(options.path("$top").asInt(100), MAX_GRAPH_PAGE);
    String token = options.path("$skipToken").asText("");
    int from = token.startsWith("offset:") ? Integer.parseInt(token.substring(7)) : 0;
    int to = Math.min(rows.size(), from + top);
    ObjectNode response = MAPPER.createObjectNode();
    response.put("totalRecords", rows.size());
    response.put("resultTruncated", graphTruncated ? "true" : "false");
    if (to < rows.size() && !graphTruncated) {
      response.put("$skipToken", "offset:" + to);
    }
    int served = to < rows.size() || graphTruncated ? to : Math.max(from, to - graphDropRows);
    response.put("count", served - from);
    ArrayNode data = response.putArray("data");
    rows.subList(from, served).forEach(data::add);
    response.putArray("facets");
    return new Reply(200, Map.of(), response.toString());
  }

  private Reply list(String rawPath, String query) {
    String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
    String subscription = ResourceIds.subscriptionId(path);
    if (!subscription.isEmpty() && (denied.contains(subscription) || hidden.contains(subscription))) {
      return new Reply(403, Map.of(), error("AuthorizationFailed", "The client does not have authorization to perform "
          + "action over scope '/subscriptions/" + subscription + "'."));
    }
    String collection = ResourceIds.key(path);
    String parent = EmulatedTenant.parentOfCollection(collection);
    if (!tenant.exists(parent)) {
      return new Reply(404, Map.of(), error("ParentResourceNotFound", "Can not perform requested operation on nested "
          + "resource. Parent resource '" + parent + "' not found."));
    }
    List<JsonNode> members = tenant.collections.getOrDefault(collection, List.of());
    if (members.isEmpty() && collection.endsWith("/providers/microsoft.securityinsights/onboardingstates")) {
      return new Reply(404, Map.of(), error("NotFound", "Workspace is not onboarded to Microsoft Sentinel."));
    }
    Map<String, String> params = params(query);
    int from = Integer.parseInt(params.getOrDefault("$skiptoken", "0"));
    int to = Math.min(members.size(), from + armPageSize);
    ObjectNode page = MAPPER.createObjectNode();
    ArrayNode value = page.putArray("value");
    members.subList(Math.min(from, members.size()), to).forEach(value::add);
    if (to < members.size()) {
      page.put("nextLink", baseUrl() + rawPath.substring(1) + "?api-version=" + params.getOrDefault("api-version", "")
          + "&$skiptoken=" + to);
    }
    return new Reply(200, Map.of(), page.toString());
  }

  private static Map<String, String> params(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }

  private static String error(String code, String message) {
    ObjectNode root = MAPPER.createObjectNode();
    root.putObject("error").put("code", code).put("message", message);
    return root.toString();
  }
}
