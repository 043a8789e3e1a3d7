package dev.attest.evidence;

import java.time.Period;
import java.util.List;

/**
 * A log evidence query declared as data ({@code rules/evidence/*.yaml}): what it evidences
 * (title, controls), the KQL run against each Log Analytics workspace in scope, the expectation
 * on its row count, the table it needs, the most rows kept as evidence, and how much of the
 * reporting period it covers ({@code null}: all of it; otherwise its last days).
 */
public record EvidenceQuery(String id, String title, List<String> controls, String query, Expectation expectation,
    String table, int maxRows, Period lookback, String source) {

  public EvidenceQuery {
    controls = List.copyOf(controls);
  }
}
