package dev.attest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The two bounds (in all, per subscription), reads queued by reads, and idle subscriptions. */
class SubscriptionSchedulerTest {
  @Test
  void neverMoreThanTheBoundsAndEveryReadRunsIncludingThoseQueuedByReads() throws Exception {
    Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    Map<String, Integer> most = new ConcurrentHashMap<>();
    AtomicInteger all = new AtomicInteger();
    AtomicInteger mostInAll = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    List<String> idle = new CopyOnWriteArrayList<>();
    try (SubscriptionScheduler scheduler = new SubscriptionScheduler(5, 2, idle::add)) {
      for (int s = 0; s < 4; s++) {
        String sub = "s" + s;
        for (int i = 0; i < 10; i++) {
          scheduler.submit(sub, new Runnable() {
            @Override
            public void run() {
              int mine = running.computeIfAbsent(sub, k -> new AtomicInteger()).incrementAndGet();
              most.merge(sub, mine, Math::max);
              mostInAll.accumulateAndGet(all.incrementAndGet(), Math::max);
              try {
                Thread.sleep(5);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              if (done.get() < 4) {
                // A read that finds a child to read queues it (a blob service's diagnostic settings).
                scheduler.submit(sub, done::incrementAndGet);
              }
              running.get(sub).decrementAndGet();
              all.decrementAndGet();
              done.incrementAndGet();
            }
          });
        }
      }
      scheduler.await();
    }
    assertTrue(done.get() >= 44, "every read ran: " + done.get());
    most.forEach((sub, n) -> assertTrue(n <= 2, sub + " had " + n + " at once"));
    assertTrue(mostInAll.get() <= 5, "in all: " + mostInAll.get());
    assertTrue(mostInAll.get() >= 3, "subscriptions share the slots: " + mostInAll.get());
    assertEquals(4, idle.stream().distinct().count(), "each subscription is told idle: " + idle);
  }

  @Test
  void aReadThatThrowsIsHandedBackByAwait() {
    try (SubscriptionScheduler scheduler = new SubscriptionScheduler(2, 1, s -> { })) {
      scheduler.submit("s", () -> {
        throw new IllegalStateException("bug");
      });
      IllegalStateException thrown = assertThrows(IllegalStateException.class, scheduler::await);
      assertEquals("bug", thrown.getMessage());
    }
  }
}
