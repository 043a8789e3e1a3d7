package dev.attest.live;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Runs one KQL query against one Log Analytics workspace. The project's own seam over the
 * Monitor query SDK (azure-monitor-query 1.5.2 is deprecated upstream for
 * azure-monitor-query-logs), so switching clients is one class.
 */
interface LogQueries {
  /** The first result table of {@code kql} over {@code [from, to)}; throws a classified error. */
  Table query(String workspaceId, String kql, OffsetDateTime from, OffsetDateTime to) throws ReadError;

  /** Column names and rows as text. */
  record Table(List<String> columns, List<List<String>> rows) {
    public Table {
      columns = List.copyOf(columns);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }
}
