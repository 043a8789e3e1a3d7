package dev.attest.live;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Paces Resource Graph requests by its quota headers: {@code x-ms-user-quota-remaining} says how
 * many requests are left in the window and {@code x-ms-user-quota-resets-after} (hh:mm:ss) when it
 * refills. When the quota is spent the next request waits for the refill instead of drawing a 429.
 * Thread-safe; requests in flight are counted against what remains, so concurrent batches do not
 * overshoot.
 */
public final class QuotaPacer {
  private final LongSupplier nanoClock;
  private Integer remaining;
  private long resetAtNanos;

  public QuotaPacer(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** How long the next request must wait (zero when quota remains or nothing is known yet). */
  public synchronized Duration reserve() {
    long now = nanoClock.getAsLong();
    if (remaining == null) {
      return Duration.ZERO;
    }
    if (remaining > 0) {
      remaining--;
      return Duration.ZERO;
    }
    long wait = resetAtNanos - now;
    if (wait <= 0) {
      // The window has refilled; the next reply tells the real figure.
      remaining = null;
      return Duration.ZERO;
    }
    return Duration.ofNanos(wait);
  }

  /** Records the quota a reply reported; absent or unreadable headers change nothing. */
  public synchronized void observe(String remainingHeader, String resetsAfterHeader) {
    if (remainingHeader == null) {
      return;
    }
    try {
      int left = Integer.parseInt(remainingHeader.trim());
      Duration resets = parseResetsAfter(resetsAfterHeader);
      remaining = left;
      resetAtNanos = nanoClock.getAsLong() + resets.toNanos();
    } catch (NumberFormatException e) {
      // An unreadable header is no reason to stop a scan; keep the last known quota.
    }
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
