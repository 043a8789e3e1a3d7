package dev.attest.assessment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The {@code coverage} of a live scan in the findings summary: every subscription (or management
 * group) with its status ({@code complete}, {@code partial}, {@code denied}, {@code failed}) and
 * why, and per kind of read (a Resource Graph table, a related ARM type, policy states, a log
 * query) how many reads ended in each status.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CollectionCoverage(List<Scope> scopes, Map<String, Map<String, Integer>> reads) {

  public CollectionCoverage {
    scopes = List.copyOf(scopes);
    // Sorted, so the findings file is the same from run to run (Map.copyOf's order is not).
    java.util.TreeMap<String, Map<String, Integer>> sorted = new java.util.TreeMap<>();
    reads.forEach((read, counts) -> sorted.put(read, java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(counts))));
    reads = java.util.Collections.unmodifiableMap(sorted);
  }

  /** One subscription or management group: its worst read's status and reason. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Scope(String id, String status, String reason) {}
}
