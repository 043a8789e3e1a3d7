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
}
