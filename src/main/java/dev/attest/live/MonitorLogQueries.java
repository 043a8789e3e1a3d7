package dev.attest.live;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.Context;
import com.azure.monitor.query.LogsQueryClient;
import com.azure.monitor.query.models.LogsQueryOptions;
import com.azure.monitor.query.models.LogsQueryResult;
import com.azure.monitor.query.models.LogsQueryResultStatus;
import com.azure.monitor.query.models.LogsTable;
import com.azure.monitor.query.models.LogsTableCell;
import com.azure.monitor.query.models.QueryTimeInterval;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link LogQueries} through azure-monitor-query 1.5.2's {@code LogsQueryClient}. */
final class MonitorLogQueries implements LogQueries {
  /** How Log Analytics says a table does not exist in the workspace. */
  private static final Pattern MISSING_TABLE = Pattern.compile("Failed to resolve table or column expression named '([^']+)'");

  private final LogsQueryClient client;
  private final Duration serverTimeout;

  MonitorLogQueries(LogsQueryClient client, Duration serverTimeout) {
    this.client = client;
    this.serverTimeout = serverTimeout;
  }

  @Override
  public Table query(String workspaceId, String kql, OffsetDateTime from, OffsetDateTime to) throws ReadError {
    LogsQueryResult result;
    try {
      result = client.queryWorkspaceWithResponse(workspaceId, kql, new QueryTimeInterval(from, to),
          new LogsQueryOptions().setServerTimeout(serverTimeout), Context.NONE).getValue();
    } catch (HttpResponseException e) {
      String body = body(e);
      Matcher missing = MISSING_TABLE.matcher(body + " " + e.getMessage());
      if (missing.find()) {
        throw new ReadError(Coverage.Status.FAILED, false, "table " + missing.group(1) + " does not exist in the workspace");
      }
      throw ReadError.from(e);
    } catch (RuntimeException e) {
      throw ReadError.from(e);
    }
    if (result.getQueryResultStatus() != LogsQueryResultStatus.SUCCESS) {
      // Partial results are not evidence: rows may be missing for reasons the reply does not list.
      String why = result.getError() == null ? "" : ": " + result.getError().getMessage();
      throw new ReadError(Coverage.Status.FAILED, false, "partial result" + why);
    }
    LogsTable table = result.getTable();
    // 1.5.2 leaves getColumns() empty for workspace queries; every cell carries its column's name.
    List<String> columns = !table.getColumns().isEmpty() ? table.getColumns().stream().map(c -> c.getColumnName()).toList()
        : table.getRows().isEmpty() ? List.of()
        : table.getRows().get(0).getRow().stream().map(LogsTableCell::getColumnName).toList();
    List<List<String>> rows = new ArrayList<>();
    table.getRows().forEach(row -> rows.add(row.getRow().stream().map(MonitorLogQueries::text).toList()));
    return new Table(columns, rows);
  }

  private static String text(LogsTableCell cell) {
    String value = cell.getValueAsString();
    return value == null ? "" : value;
  }

  private static String body(HttpResponseException e) {
    Object value = e.getValue();
    return value == null ? "" : String.valueOf(value);
  }
}
