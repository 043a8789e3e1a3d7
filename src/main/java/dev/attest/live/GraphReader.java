package dev.attest.live;

import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resourcegraph.models.QueryRequest;
import com.azure.resourcemanager.resourcegraph.models.QueryRequestOptions;
import com.azure.resourcemanager.resourcegraph.models.QueryResponse;
import com.azure.resourcemanager.resourcegraph.models.ResultFormat;
import com.azure.resourcemanager.resourcegraph.models.ResultTruncated;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Resource Graph queries through the SDK's ResourceGraphManager, paged by skip token. A result
 * the service says it truncated, or that ends with fewer rows than its {@code totalRecords}, is
 * not complete: rows may be missing and nobody can say which.
 */
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

  Outcome query(String query, List<String> subscriptions, List<String> managementGroups, Consumer<JsonNode> rows) {
    return query(query, subscriptions, managementGroups, rows, pages -> { });
  }

  /**
   * Runs {@code query} over the given subscriptions or management groups, handing every row to
   * {@code rows} as soon as its page arrives, so a failure on a later page loses nothing read.
   * {@code expectedPages} hears, after the first page, how many pages the whole result takes.
   */
  Outcome query(String query, List<String> subscriptions, List<String> managementGroups, Consumer<JsonNode> rows,
      LongConsumer expectedPages) {
    String skipToken = null;
    int count = 0;
    int pages = 0;
    long total = -1;
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
        return new Outcome(count, pages, failed("Resource Graph reply has no \"data\" array (page " + pages + ")"));
      }
      if (total < 0) {
        total = response.totalRecords();
        expectedPages.accept(Math.max(1, (total + pageSize - 1) / pageSize));
      }
      for (Object row : data) {
        // Through Jackson so numbers and nesting match what a snapshot file gives.
        JsonNode node = mapper.valueToTree(row);
        if (node == null || !node.isObject()) {
          return new Outcome(count, pages, failed("Resource Graph row " + (count + 1) + " is not an object"));
        }
        rows.accept(node);
        count++;
      }
      if (response.resultTruncated() == ResultTruncated.TRUE) {
        return new Outcome(count, pages, failed("Resource Graph truncated the result after " + count + " of "
            + response.totalRecords() + " row(s)"));
      }
      skipToken = response.skipToken();
    } while (skipToken != null && !skipToken.isEmpty());
    if (total >= 0 && count < total) {
      return new Outcome(count, pages, failed("Resource Graph reported " + total + " row(s) but returned " + count));
    }
    return new Outcome(count, pages, null);
  }

  private static ReadError failed(String reason) {
    return new ReadError(Coverage.Status.FAILED, false, reason);
  }
}
