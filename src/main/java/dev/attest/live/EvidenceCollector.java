package dev.attest.live;

import dev.attest.evidence.EvidenceQuery;
import dev.attest.evidence.EvidenceResult;
import dev.attest.evidence.ReportingPeriod;
import dev.attest.inventory.ArmObject;
import dev.attest.inventory.ResourceIds;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the rule pack's log evidence queries against every Log Analytics workspace in scope for
 * the reporting period and keeps a bounded number of rows as evidence. A query that fails, is
 * refused or names a table the workspace lacks is {@code not collected}, never met.
 */
final class EvidenceCollector {
  static final String READ = "log queries";
  /** The coverage scope of evidence that has no workspace to run in. */
  static final String NO_WORKSPACE_SCOPE = "log analytics";
  static final String NO_WORKSPACE = "no Log Analytics workspace in scope";

  private final LogQueries logs;
  private final Progress progress;

  EvidenceCollector(LogQueries logs, Progress progress) {
    this.logs = logs;
    this.progress = progress;
  }

  /**
   * Runs every query in every workspace. With no workspace in scope nothing can be run: every
   * query is "not collected" and one coverage line under {@value #NO_WORKSPACE_SCOPE} says so,
   * which makes the scan incomplete (exit 3) like any evidence the scan was asked for and lacks.
   */
  List<EvidenceResult> collect(List<EvidenceQuery> queries, List<ArmObject> workspaces, ReportingPeriod period,
      Consumer<Coverage> record) {
    List<EvidenceResult> results = new ArrayList<>();
    if (workspaces.isEmpty() && !queries.isEmpty()) {
      for (EvidenceQuery query : queries) {
        results.add(notCollected(query, null, span(query, period), NO_WORKSPACE));
      }
      record.accept(new Coverage(NO_WORKSPACE_SCOPE, READ, Coverage.Status.FAILED, 0, NO_WORKSPACE + ": "
          + queries.size() + " evidence query(ies) not collected; add the subscription that holds the workspace(s) "
          + "to the scope, or leave out --period"));
      return results;
    }
    progress.queriesPlanned(queries.size() * workspaces.size());
    List<ArmObject> sorted = workspaces.stream().sorted(Comparator.comparing(ArmObject::key)).toList();
    for (ArmObject workspace : sorted) {
      String subscription = workspace.subscriptionId();
      String customerId = workspace.body().path("properties").path("customerId").asText("");
      int failed = 0;
      String firstReason = null;
      for (EvidenceQuery query : queries) {
        EvidenceResult result = run(query, workspace.id(), customerId, period);
        results.add(result);
        if (result.status().equals(EvidenceResult.NOT_COLLECTED)) {
          failed++;
          firstReason = firstReason == null ? query.id() + " in " + workspace.id() + ": " + result.reason() : firstReason;
        }
      }
      Coverage.Status status = failed == 0 ? Coverage.Status.COMPLETE
          : failed == queries.size() ? Coverage.Status.FAILED : Coverage.Status.PARTIAL;
      record.accept(new Coverage(subscription.isEmpty() ? ResourceIds.key(workspace.id()) : subscription, READ, status,
          queries.size() - failed, failed == 0 ? null : failed + " of " + queries.size() + " not collected; first " + firstReason));
    }
    return results;
  }

  private EvidenceResult run(EvidenceQuery query, String workspaceId, String customerId, ReportingPeriod period) {
    OffsetDateTime to = period.end();
    OffsetDateTime from = from(query, period);
    String span = span(query, period);
    if (customerId.isEmpty()) {
      return notCollected(query, workspaceId, span, "the workspace has no customerId (its query id) in the inventory");
    }
    // One more row than kept tells "more than maxRows" apart without reading the whole log.
    long take = Math.max(query.maxRows(), query.expectation().decisiveRows()) + 1;
    progress.query();
    try {
      LogQueries.Table table = logs.query(customerId, query.query() + "\n| take " + take, from, to);
      long rows = table.rows().size();
      boolean truncated = rows > query.maxRows();
      List<List<String>> kept = table.rows().subList(0, (int) Math.min(rows, query.maxRows()));
      return new EvidenceResult(query.id(), query.title(), query.controls(), workspaceId, span,
          query.expectation().toString(), query.expectation().test(rows) ? EvidenceResult.MET : EvidenceResult.NOT_MET,
          null, rows, truncated, table.columns(), kept);
    } catch (ReadError e) {
      return notCollected(query, workspaceId, span, e.getMessage());
    }
  }

  private static OffsetDateTime from(EvidenceQuery query, ReportingPeriod period) {
    return query.lookback() == null ? period.start() : max(period.start(), period.end().minus(query.lookback()));
  }

  /** The days a query covers, e.g. {@code 2026-09-01..2026-09-30}. */
  private static String span(EvidenceQuery query, ReportingPeriod period) {
    return from(query, period).toLocalDate() + ".." + period.end().toLocalDate().minusDays(1);
  }

  private static EvidenceResult notCollected(EvidenceQuery query, String workspaceId, String span, String reason) {
    return new EvidenceResult(query.id(), query.title(), query.controls(), workspaceId, span,
        query.expectation().toString(), EvidenceResult.NOT_COLLECTED, reason, null, null, null, null);
  }

  private static OffsetDateTime max(OffsetDateTime a, OffsetDateTime b) {
    return a.isAfter(b) ? a : b;
  }
}
