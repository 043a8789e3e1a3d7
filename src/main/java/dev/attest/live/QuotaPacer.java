package dev.attest.live;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Paces Resource Graph requests by its quota headers: {@code x-ms-user-quota-remaining} says how
 * many requests are left in the window and {@code x-ms-user-quota-resets-after} (hh:mm:ss) when it
 * refills. When the quota is spent the next request waits for the refill instead of drawing a 429.
 *
 * <p>Thread-safe. A reply's figure was counted before the requests still in flight reached the
 * service, so those are taken off it; when a window refills, the next one allows as many requests
 * as the largest window seen (less those in flight) until a reply tells the real figure.
 */
public final class QuotaPacer {
  /** How often to look again when the quota is spent and no reply has said when it refills. */
  static final Duration POLL = Duration.ofMillis(20);

  private final LongSupplier nanoClock;
  private Integer remaining;
  private long resetAtNanos = Long.MAX_VALUE;
  private int quota;
  private int inFlight;

  public QuotaPacer(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /**
   * Zero when a request may leave now (it is then counted as in flight until {@link #observe}),
   * else how long to wait before asking again.
   */
  public synchronized Duration reserve() {
    long now = nanoClock.getAsLong();
    if (remaining != null && remaining <= 0 && now >= resetAtNanos) {
      // The window has refilled: as much as a window was seen to hold, less what is still out.
      remaining = quota > 0 ? quota - inFlight : null;
      resetAtNanos = Long.MAX_VALUE;
    }
    if (remaining == null) {
      inFlight++;
      return Duration.ZERO;
    }
    if (remaining > 0) {
      remaining--;
      inFlight++;
      return Duration.ZERO;
    }
    return resetAtNanos == Long.MAX_VALUE ? POLL : Duration.ofNanos(resetAtNanos - now);
  }

  /**
   * Records the quota a reply reported and that its request is no longer in flight; absent or
   * unreadable headers leave the quota as it was.
   */
  public synchronized void observe(String remainingHeader, String resetsAfterHeader) {
    inFlight = Math.max(0, inFlight - 1);
    if (remainingHeader == null) {
      return;
    }
    try {
      int left = Integer.parseInt(remainingHeader.trim());
      Duration resets = parseResetsAfter(resetsAfterHeader);
      quota = Math.max(quota, left + 1);
      remaining = left - inFlight;
      resetAtNanos = nanoClock.getAsLong() + resets.toNanos();
    } catch (NumberFormatException e) {
      // An unreadable header is no reason to stop a scan; keep the last known quota.
    }
  }

  /** A request that got no reply (a transport error): it is no longer in flight. */
  public synchronized void abandon() {
    inFlight = Math.max(0, inFlight - 1);
  }

  /** Parses {@code hh:mm:ss} (fractional seconds allowed); a missing value means one second. */
  static Duration parseResetsAfter(String text) {
    if (text == null || text.isBlank()) {
      return Duration.ofSeconds(1);
    }
    String[] parts = text.trim().split(":");
    if (parts.length != 3) {
      throw new NumberFormatException(text);
    }
    long hours = Long.parseLong(parts[0]);
    long minutes = Long.parseLong(parts[1]);
    double seconds = Double.parseDouble(parts[2]);
    return Duration.ofHours(hours).plusMinutes(minutes).plusNanos((long) (seconds * 1_000_000_000L));
  }
}
