package dev.attest.live;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.attest.inventory.ResourceIds;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * Honours Resource Manager's per-subscription read budget: every reply says in
 * {@code x-ms-ratelimit-remaining-subscription-reads} how many reads the subscription has left.
 * While that is at or below a low-water mark (the calls that may be in flight, twice over), calls
 * to that subscription are spaced at ARM's refill rate (25 reads a second per subscription) instead
 * of running into 429s; once a reply shows the budget above the mark again, they run freely.
 * Other subscriptions are not slowed: the budget is per subscription.
 */
final class ArmReadPacing implements HttpPipelinePolicy {
  static final HttpHeaderName REMAINING = HttpHeaderName.fromString("x-ms-ratelimit-remaining-subscription-reads");

  private final int lowWater;
  private final long spacingNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

  /** What is known of one subscription's budget, and when its next paced call may leave. */
  private static final class Budget {
    int remaining = Integer.MAX_VALUE;
    long nextAt;
  }

  ArmReadPacing(int lowWater, Duration spacing, LongSupplier nanoClock) {
    this.lowWater = lowWater;
    this.spacingNanos = spacing.toNanos();
    this.nanoClock = nanoClock;
  }

  /** How long a call to {@code subscription} must wait now (zero while the budget is healthy). */
  Duration reserve(String subscription) {
    Budget budget = budgets.get(subscription);
    if (budget == null) {
      return Duration.ZERO;
    }
    synchronized (budget) {
      if (budget.remaining > lowWater) {
        return Duration.ZERO;
      }
      long now = nanoClock.getAsLong();
      long at = Math.max(now, budget.nextAt);
      budget.nextAt = at + spacingNanos;
      return Duration.ofNanos(at - now);
    }
  }

  /** Records the budget a reply reported; a missing or unreadable header changes nothing. */
  void observe(String subscription, String header) {
    if (header == null || subscription.isEmpty()) {
      return;
    }
    try {
      int remaining = Integer.parseInt(header.trim());
      Budget budget = budgets.computeIfAbsent(subscription, k -> new Budget());
      synchronized (budget) {
        budget.remaining = remaining;
      }
    } catch (NumberFormatException e) {
      // Not a number: keep what was known.
    }
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    String subscription = subscriptionOf(context);
    return Mono.defer(() -> {
      Duration wait = reserve(subscription);
      Mono<HttpResponse> call = next.process().doOnNext(r -> observe(subscription, r.getHeaders().getValue(REMAINING)));
      return wait.isZero() ? call : Mono.delay(wait).then(call);
    });
  }

  @Override
  public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    String subscription = subscriptionOf(context);
    QuotaPolicy.sleep(reserve(subscription));
    HttpResponse response = next.processSync();
    observe(subscription, response.getHeaders().getValue(REMAINING));
    return response;
  }

  private static String subscriptionOf(HttpPipelineCallContext context) {
    return ResourceIds.subscriptionId(context.getHttpRequest().getUrl().getPath());
  }
}
