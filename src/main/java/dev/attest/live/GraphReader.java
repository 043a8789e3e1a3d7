package dev.attest.live;

import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.QueryResponse;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.function.Consumer;

/** Resource Graph queries through the SDK's ResourceGraphManager, paged by skip token. */
final class GraphReader {
  private final ResourceGraphManager manager;
  private final int pageSize;
  private final ObjectMapper mapper;

  GraphReader(ResourceGraphManager manager, int pageSize, ObjectMapper mapper) {
    this.manager = manager;
    this.pageSize = pageSize;
    this.mapper = mapper;
  }

  /** What a query delivered before it stopped, and the error that stopped it (null when complete). */
  record Outcome(int rows, int pages, ReadError error) {}

  /**
   * Runs {@code query} over the given subscriptions or management groups, handing every row to
   * {@code rows} as soon as its page arrives, so a failure on a later page loses nothing read.
   */
  Outcome query(String query, List<String> subscriptions, List<String> managementGroups, Consumer<JsonNode> rows) {
    String skipToken = null;
    int count = 0;
    int pages = 0;
    do {
      QueryRequestOptions options = new QueryRequestOptions().withResultFormat(ResultFormat.OBJECT_ARRAY)
          .withTop(pageSize);
      if (skipToken != null) {
        options.withSkipToken(skipToken);
      }
      QueryRequest request = new QueryRequest().withQuery(query).withOptions(options);
      if (!subscriptions.isEmpty()) {
        request.withSubscriptions(subscriptions);
      }
      if (!managementGroups.isEmpty()) {
        request.withManagementGroups(managementGroups);
      }
      QueryResponse response;
      try {
        response = manager.resourceProviders().resources(request);
      } catch (RuntimeException e) {
        return new Outcome(count, pages, ReadError.from(e));
      }
      pages++;
      if (!(response.data() instanceof List<?> data)) {
        return new Outcome(count, pages, new ReadError(Coverage.Status.FAILED, false,
            "Resource Graph reply has no \"data\" array (page " + pages + ")"));
      }
      for (Object row : data) {
        try {
          // Re-parse through Jackson so numbers and nesting match what a snapshot file gives.
          rows.accept(mapper.readTree(mapper.writeValueAsString(row)));
        } catch (JsonProcessingException e) {
          return new Outcome(count, pages, new ReadError(Coverage.Status.FAILED, false,
              "Resource Graph row cannot be read: " + e.getOriginalMessage()));
        }
        count++;
      }
      skipToken = response.skipToken();
    } while (skipToken != null && !skipToken.isEmpty());
    return new Outcome(count, pages, null);
  }
}
