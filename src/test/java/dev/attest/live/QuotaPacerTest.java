package dev.attest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Pacing decisions from Resource Graph's quota headers, on a hand-moved clock (no sleeping). */
class QuotaPacerTest {
  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final QuotaPacer pacer = new QuotaPacer(now::get);

  @Test
  void noHeadersNoWaiting() {
    assertEquals(Duration.ZERO, pacer.reserve());
    assertEquals(Duration.ZERO, pacer.reserve());
  }

  @Test
  void spendsWhatRemainsThenWaitsForTheReset() {
    pacer.observe("2", "00:00:05");
    assertEquals(Duration.ZERO, pacer.reserve());
    assertEquals(Duration.ZERO, pacer.reserve());
    assertEquals(Duration.ofSeconds(5), pacer.reserve(), "quota spent: wait for the window to refill");
    now.addAndGet(Duration.ofSeconds(3).toNanos());
    assertEquals(Duration.ofSeconds(2), pacer.reserve());
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertEquals(Duration.ZERO, pacer.reserve(), "refilled");
  }

  @Test
  void zeroRemainingWaitsAtOnce() {
    pacer.observe("0", "00:00:01.5");
    assertEquals(Duration.ofMillis(1500), pacer.reserve());
  }

  @Test
  void unreadableHeadersAreIgnored() {
    pacer.observe("many", "soon");
    assertEquals(Duration.ZERO, pacer.reserve());
    pacer.observe("0", "5 seconds");
    assertEquals(Duration.ZERO, pacer.reserve());
  }

  @Test
  void requestsInFlightAreTakenOffWhatAReplySaysRemains() {
    pacer.observe("4", "00:00:05");
    // Four requests leave on that figure; the first reply was counted before the other three arrived.
    for (int i = 0; i < 4; i++) {
      assertEquals(Duration.ZERO, pacer.reserve());
    }
    pacer.observe("3", "00:00:05");
    assertEquals(Duration.ofSeconds(5), pacer.reserve(), "3 remain, 3 still in flight: none left to spend");
  }

  @Test
  void aRefilledWindowAllowsAsManyAsTheLargestWindowSeenLessThoseInFlight() {
    pacer.observe("14", "00:00:01");
    for (int i = 0; i < 14; i++) {
      assertEquals(Duration.ZERO, pacer.reserve());
    }
    assertEquals(Duration.ofSeconds(1), pacer.reserve());
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    // 15 a window were seen; 14 are still in flight, so one may leave until a reply says more.
    assertEquals(Duration.ZERO, pacer.reserve());
    assertEquals(QuotaPacer.POLL, pacer.reserve(), "spent, and no reply yet says when the window ends");
    // The old window's replies come back (one lost in transit), then the new window's first reply.
    pacer.abandon();
    for (int i = 0; i < 13; i++) {
      pacer.observe(null, null);
    }
    pacer.observe("13", "00:00:04.5");
    assertEquals(Duration.ZERO, pacer.reserve(), "13 remain and nothing is in flight");
  }
}
