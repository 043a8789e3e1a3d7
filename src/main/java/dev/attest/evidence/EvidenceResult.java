package dev.attest.evidence;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One evidence query's outcome in one workspace: {@code met}, {@code not met}, or {@code not
 * collected} (the query failed, was refused, or its table does not exist: never a pass), the
 * rows counted (up to the expectation's decisive count), and at most {@code maxRows} of them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvidenceResult(String id, String title, List<String> controls, String workspace, String period,
    String expectation, String status, String reason, Long rows, Boolean truncated, List<String> columns,
    List<List<String>> sample) {

  public static final String MET = "met";
  public static final String NOT_MET = "not met";
  public static final String NOT_COLLECTED = "not collected";

  public EvidenceResult {
    controls = List.copyOf(controls);
    columns = columns == null ? null : List.copyOf(columns);
    sample = sample == null ? null : sample.stream().map(List::copyOf).toList();
  }
}
