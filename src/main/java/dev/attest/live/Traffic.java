package dev.attest.live;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;

/**
 * Counts every attempt that leaves the client (placed after the retry policy, so retries count),
 * and the throttled and server-error replies among them: the figures a live scan reports.
 */
public final class Traffic implements HttpPipelinePolicy {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong serverErrors = new AtomicLong();

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    requests.incrementAndGet();
    return next.process().doOnNext(this::observe);
  }

  @Override
  public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    requests.incrementAndGet();
    HttpResponse response = next.processSync();
    observe(response);
    return response;
  }

  private void observe(HttpResponse response) {
    if (response.getStatusCode() == 429) {
      throttled.incrementAndGet();
    } else if (response.getStatusCode() >= 500) {
      serverErrors.incrementAndGet();
    }
  }

  /** Requests sent, including retries. */
  public long requests() {
    return requests.get();
  }

  public long throttled() {
    return throttled.get();
  }

  public long serverErrors() {
    return serverErrors.get();
  }
}
