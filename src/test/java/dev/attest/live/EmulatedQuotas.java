package dev.attest.live;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulator's models of Azure's throttling. Resource Graph: a per-user quota of so many
 * requests per fixed window, reported in {@code x-ms-user-quota-remaining} and
 * {@code x-ms-user-quota-resets-after}. Resource Manager: a token bucket of reads per
 * subscription, reported in {@code x-ms-ratelimit-remaining-subscription-reads}. Either answers
 * a request over its limit with 429 and Retry-After.
 */
final class EmulatedQuotas {
  private EmulatedQuotas() {}

  /** Whether a request may be served, and the headers its reply carries. */
  record Decision(boolean allowed, Map<String, String> headers) {}

  /** Resource Graph's quota: the window starts with the first request after the last one ended. */
  static final class Window {
    private final int perWindow;
    private final long windowNanos;
    private long startedAt = Long.MIN_VALUE;
    private int used;

    Window(int perWindow, Duration window) {
      this.perWindow = perWindow;
      this.windowNanos = window.toNanos();
    }

    synchronized Decision take(long now) {
      if (startedAt == Long.MIN_VALUE || now - startedAt >= windowNanos) {
        startedAt = now;
        used = 0;
      }
      long left = startedAt + windowNanos - now;
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("x-ms-user-quota-resets-after", hhmmss(left));
      if (used >= perWindow) {
        headers.put("x-ms-user-quota-remaining", "0");
        headers.put("Retry-After", String.valueOf((left + 999_999_999L) / 1_000_000_000L));
        return new Decision(false, headers);
      }
      used++;
      headers.put("x-ms-user-quota-remaining", String.valueOf(perWindow - used));
      return new Decision(true, headers);
    }
  }

  /** Resource Manager's read budget per subscription: {@code capacity} tokens refilled at {@code perSecond}. */
  static final class Buckets {
    private final int capacity;
    private final double perSecond;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    Buckets(int capacity, double perSecond) {
      this.capacity = capacity;
      this.perSecond = perSecond;
    }

    Decision take(String subscription, long now) {
      double[] bucket = buckets.computeIfAbsent(subscription, k -> new double[] {capacity, now});
      synchronized (bucket) {
        bucket[0] = Math.min(capacity, bucket[0] + (now - bucket[1]) / 1e9 * perSecond);
        bucket[1] = now;
        Map<String, String> headers = new LinkedHashMap<>();
        if (bucket[0] < 1) {
          headers.put("x-ms-ratelimit-remaining-subscription-reads", "0");
          headers.put("Retry-After", String.valueOf((long) Math.ceil((1 - bucket[0]) / perSecond)));
          return new Decision(false, headers);
        }
        bucket[0] -= 1;
        headers.put("x-ms-ratelimit-remaining-subscription-reads", String.valueOf((long) bucket[0]));
        return new Decision(true, headers);
      }
    }
  }

  /** {@code hh:mm:ss.fff}, as Resource Graph writes its reset time. */
  static String hhmmss(long nanos) {
    long millis = Math.max(0, nanos / 1_000_000);
    return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
        millis / 1000 % 60, millis % 1000);
  }
}
