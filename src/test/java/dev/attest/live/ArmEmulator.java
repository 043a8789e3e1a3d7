package dev.attest.live;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.attest.inventory.ResourceIds;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
  public record Seen(String method, String path, String body, int status) {}

  /** A canned reply for requests whose path matches, {@code times} times (negative: for ever). */
  private record Fault(Pattern path, AtomicInteger remaining, int status, Map<String, String> headers, String body) {
    boolean forever() {
      return remaining.get() == Integer.MIN_VALUE;
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_GRAPH_PAGE = 1000;

  private final EmulatedTenant tenant;
  private final HttpsServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(128);
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final Set<String> denied = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile int latencyMillis;
  private volatile int armPageSize = 100;
  private volatile int graphQuota;
  private final AtomicInteger graphCalls = new AtomicInteger();
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
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.setHttpsConfigurator(new HttpsConfigurator(EmulatorTls.serverContext()));
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
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
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  /** Requests whose path contains the text (case-insensitive). */
  public long count(String pathPart) {
    String part = pathPart.toLowerCase(Locale.ROOT);
    return seen.stream().filter(s -> s.path().toLowerCase(Locale.ROOT).contains(part)).count();
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

  /** Resource Graph answers with quota headers: {@code perWindow} requests per 5 seconds (model only). */
  public ArmEmulator graphQuota(int perWindow) {
    graphQuota = perWindow;
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

  /** Serves a latest policy state for a resource (Policy Insights queryResults of its subscription). */
  public ArmEmulator policyState(String resourceId, String definitionId, String state, String... groups) {
    ObjectNode row = MAPPER.createObjectNode();
    String subscription = ResourceIds.subscriptionId(resourceId);
    row.put("timestamp", "2026-09-30T00:00:00Z").put("resourceId", resourceId).put("subscriptionId", subscription)
        .put("policyAssignmentId", "/subscriptions/" + subscription + "/providers/Microsoft.Authorization/policyAssignments/hitrust-hipaa")
        .put("policySetDefinitionId", "/providers/Microsoft.Authorization/policySetDefinitions/a169a624-5599-4385-a696-c8d643089fab")
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
    ObjectNode row = MAPPER.createObjectNode();
    row.put("id", "/subscriptions/" + subscription + "/providers/Microsoft.Authorization/policyExemptions/" + name)
        .put("name", name).put("type", "Microsoft.Authorization/policyExemptions");
    row.putObject("properties").put("exemptionCategory", "Mitigated");
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
    server.stop(0);
    pool.shutdownNow();
  }

  // ---- request handling

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    Reply reply;
    try {
      if (latencyMillis > 0) {
        Thread.sleep(latencyMillis);
      }
      reply = route(exchange.getRequestMethod(), path, query, body);
    } catch (Exception e) {
      reply = new Reply(500, Map.of(), error("EmulatorBug", String.valueOf(e)));
    }
    seen.add(new Seen(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query), body, reply.status()));
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("x-ms-request-id", java.util.UUID.randomUUID().toString());
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private record Reply(int status, Map<String, String> headers, String body) {}

  private Reply route(String method, String path, String query, String body) throws Exception {
    for (Fault fault : faults) {
      if (fault.path().matcher(path).find() && (fault.forever() || fault.remaining().getAndDecrement() > 0)) {
        return new Reply(fault.status(), fault.headers(), fault.body());
      }
    }
    if (method.equals("POST") && path.equalsIgnoreCase("/providers/Microsoft.ResourceGraph/resources")) {
      return graph(MAPPER.readTree(body));
    }
    java.util.regex.Matcher policy = POLICY_STATES.matcher(path);
    if (method.equals("POST") && policy.matches()) {
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
      return list(path, query);
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
    if (denied.contains(subscription)) {
      return new Reply(403, Map.of(), error("AuthorizationFailed", "no Microsoft.PolicyInsights/policyStates/queryResults/read"));
    }
    List<JsonNode> rows = policyStates.getOrDefault(subscription, List.of());
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
          + params.getOrDefault("api-version", "2019-10-01") + "&$skiptoken=" + to);
    }
    return new Reply(200, Map.of(), page.toString());
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
    List<JsonNode> rows = new ArrayList<>();
    if (text.contains("project subscriptionId")) {
      List<String> scope = subscriptions.isEmpty() ? tenant.subscriptions : subscriptions;
      scope.forEach(s -> rows.add(MAPPER.createObjectNode().put("subscriptionId", s)));
    } else {
      String table = text.split("[\\s|]+")[0];
      boolean groupLevelOnly = text.contains("startswith '/providers/'");
      for (JsonNode row : tenant.table(table)) {
        String subscription = ResourceIds.subscriptionId(row.get("id").asText());
        boolean inScope = groupLevelOnly ? subscription.isEmpty() && !groups.isEmpty()
            : subscriptions.isEmpty() ? !groups.isEmpty() && !subscription.isEmpty() : subscriptions.contains(subscription);
        if (inScope) {
          rows.add(row);
        }
      }
    }
    JsonNode options = request.path("options");
    int top = Math.min(options.path("$top").asInt(100), MAX_GRAPH_PAGE);
    String token = options.path("$skipToken").asText("");
    int from = token.startsWith("offset:") ? Integer.parseInt(token.substring(7)) : 0;
    int to = Math.min(rows.size(), from + top);
    ObjectNode response = MAPPER.createObjectNode();
    response.put("totalRecords", rows.size());
    response.put("count", to - from);
    response.put("resultTruncated", "false");
    if (to < rows.size()) {
      response.put("$skipToken", "offset:" + to);
    }
    ArrayNode data = response.putArray("data");
    rows.subList(from, to).forEach(data::add);
    response.putArray("facets");
    Map<String, String> headers = new LinkedHashMap<>();
    if (graphQuota > 0) {
      int used = graphCalls.incrementAndGet();
      headers.put("x-ms-user-quota-remaining", String.valueOf(Math.max(0, graphQuota - used % graphQuota)));
      headers.put("x-ms-user-quota-resets-after", "00:00:05");
    }
    return new Reply(200, headers, response.toString());
  }

  private Reply list(String rawPath, String query) {
    String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
    String subscription = ResourceIds.subscriptionId(path);
    if (!subscription.isEmpty() && denied.contains(subscription)) {
      return new Reply(403, Map.of(), error("AuthorizationFailed", "The client does not have authorization to perform "
          + "action over scope '/subscriptions/" + subscription + "'."));
    }
    List<JsonNode> members = tenant.collections.getOrDefault(ResourceIds.key(path), List.of());
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
