package dev.attest.live;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** Pipeline step that waits as the {@link QuotaPacer} says before each attempt and feeds it each reply (or its loss). */
final class QuotaPolicy implements HttpPipelinePolicy {
  static final HttpHeaderName REMAINING = HttpHeaderName.fromString("x-ms-user-quota-remaining");
  static final HttpHeaderName RESETS_AFTER = HttpHeaderName.fromString("x-ms-user-quota-resets-after");

  private final QuotaPacer pacer;

  QuotaPolicy(QuotaPacer pacer) {
    this.pacer = pacer;
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    return Mono.defer(() -> {
      Duration wait = pacer.reserve();
      if (!wait.isZero()) {
        return Mono.delay(wait).then(Mono.defer(() -> process(context, next)));
      }
      return next.process().doOnNext(this::observe).doOnError(e -> pacer.abandon());
    });
  }

  @Override
  public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    for (Duration wait = pacer.reserve(); !wait.isZero() && !Thread.currentThread().isInterrupted();
        wait = pacer.reserve()) {
      sleep(wait);
    }
    HttpResponse response;
    try {
      response = next.processSync();
    } catch (RuntimeException e) {
      pacer.abandon();
      throw e;
    }
    observe(response);
    return response;
  }

  private void observe(HttpResponse response) {
    pacer.observe(response.getHeaders().getValue(REMAINING), response.getHeaders().getValue(RESETS_AFTER));
  }

  /** Sleeps for a pacing wait; an interrupt ends the wait early and is kept for the caller. */
  static void sleep(Duration wait) {
    if (wait.isZero() || wait.isNegative()) {
      return;
    }
    try {
      Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
