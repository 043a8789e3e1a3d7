package dev.attest.live;

import java.time.Duration;

/**
 * Everything a live scan needs besides the rules: scope, cloud, an optional ARM endpoint for
 * custom clouds (Azure Stack Hub, or a local emulator), the credential kind, tuning, and the Log
 * Analytics query endpoint (null: the cloud's own).
 */
public record LiveSettings(LiveScope scope, String cloud, String armEndpoint, AuthKind auth, Tuning tuning,
    String logsEndpoint) {

  /** Settings with the Log Analytics endpoint of the cloud. */
  public LiveSettings(LiveScope scope, String cloud, String armEndpoint, AuthKind auth, Tuning tuning) {
    this(scope, cloud, armEndpoint, auth, tuning, null);
  }

  /**
   * Limits and timings: ARM reads in flight in all (and for any one subscription, which ARM
   * throttles on its own), Resource Graph batches in flight, rows per Resource Graph page (1000 is
   * the service's maximum), subscriptions per Resource Graph query, retries per request, back-off
   * bounds, and the time one attempt may take.
   */
  public record Tuning(int concurrency, int perSubscription, int graphConcurrency, int pageSize, int batchSize,
      int maxRetries, Duration baseDelay, Duration maxDelay, Duration requestTimeout) {

    /** ARM reads in flight in all, and for one subscription, unless told otherwise. */
    public static final int CONCURRENCY = 96;
    public static final int PER_SUBSCRIPTION = 8;

    /** Defaults for real Azure: per-subscription politeness, the SDK's usual retry budget. */
    public static Tuning defaults() {
      return new Tuning(CONCURRENCY, PER_SUBSCRIPTION, 4, 1000, 100, 4, Duration.ofMillis(800), Duration.ofSeconds(30),
          Duration.ofSeconds(60));
    }

    public Tuning withBackoff(Duration base, Duration max) {
      return new Tuning(concurrency, perSubscription, graphConcurrency, pageSize, batchSize, maxRetries, base, max,
          requestTimeout);
    }

    public Tuning withPaging(int newPageSize, int newBatchSize) {
      return new Tuning(concurrency, perSubscription, graphConcurrency, newPageSize, newBatchSize, maxRetries, baseDelay,
          maxDelay, requestTimeout);
    }

    /** ARM reads in flight in all and per subscription, and Resource Graph queries in flight. */
    public Tuning withConcurrency(int arm, int armPerSubscription, int graph) {
      return new Tuning(arm, armPerSubscription, graph, pageSize, batchSize, maxRetries, baseDelay, maxDelay,
          requestTimeout);
    }

    public Tuning withRequestTimeout(Duration timeout) {
      return new Tuning(concurrency, perSubscription, graphConcurrency, pageSize, batchSize, maxRetries, baseDelay,
          maxDelay, timeout);
    }

    public Tuning withRetries(int retries) {
      return new Tuning(concurrency, perSubscription, graphConcurrency, pageSize, batchSize, retries, baseDelay,
          maxDelay, requestTimeout);
    }
  }
}
