package dev.attest.live;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs blocking reads with two bounds: at most {@code total} at once, and at most
 * {@code perSubscription} for any one subscription (Resource Manager throttles each subscription
 * on its own, so one large subscription must not take every slot while the others wait). Reads
 * may be submitted at any time, also by running reads; subscriptions take turns for free slots.
 * A read that throws is a bug: the first such failure is kept and handed back by {@link #await()}.
 */
final class SubscriptionScheduler implements AutoCloseable {
  private final int total;
  private final int perSubscription;
  private final ExecutorService workers;
  /** Queued reads per subscription, in the order subscriptions first asked (turns go round it). */
  private final Map<String, Deque<Runnable>> queued = new LinkedHashMap<>();
  private final Map<String, Integer> running = new HashMap<>();
  private final Consumer<String> idle;
  private int active;
  private int pending;
  private RuntimeException failure;

  /**
   * @param idle told a subscription's id each time it has nothing queued or running any more
   */
  SubscriptionScheduler(int total, int perSubscription, Consumer<String> idle) {
    this.total = Math.max(1, total);
    this.perSubscription = Math.max(1, perSubscription);
    this.idle = idle;
    this.workers = Executors.newFixedThreadPool(this.total, runnable -> {
      Thread thread = new Thread(runnable, "attest-arm");
      thread.setDaemon(true);
      return thread;
    });
  }

  void submit(String subscription, Runnable read) {
    synchronized (this) {
      queued.computeIfAbsent(subscription, k -> new ArrayDeque<>()).add(read);
      pending++;
      dispatch();
    }
  }

  /** Reads queued or running for the subscription. */
  synchronized int pending(String subscription) {
    Deque<Runnable> waiting = queued.get(subscription);
    return (waiting == null ? 0 : waiting.size()) + running.getOrDefault(subscription, 0);
  }

  /** Waits until nothing is queued or running; rethrows the first read that failed unexpectedly. */
  synchronized void await() throws InterruptedException {
    while (pending > 0 && failure == null) {
      wait();
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void dispatch() {
    Iterator<Map.Entry<String, Deque<Runnable>>> turns = queued.entrySet().iterator();
    while (active < total && turns.hasNext()) {
      Map.Entry<String, Deque<Runnable>> entry = turns.next();
      String subscription = entry.getKey();
      int mine = running.getOrDefault(subscription, 0);
      if (mine >= perSubscription) {
        continue;
      }
      Runnable read = entry.getValue().poll();
      turns.remove();
      if (!entry.getValue().isEmpty()) {
        // Back to the end of the round: the next free slot goes to another subscription first.
        queued.put(subscription, entry.getValue());
        turns = queued.entrySet().iterator();
      }
      running.put(subscription, mine + 1);
      active++;
      workers.execute(() -> run(subscription, read));
    }
  }

  private void run(String subscription, Runnable read) {
    try {
      read.run();
    } catch (RuntimeException e) {
      synchronized (this) {
        failure = failure == null ? e : failure;
      }
    } finally {
      boolean nowIdle;
      synchronized (this) {
        active--;
        running.merge(subscription, -1, Integer::sum);
        nowIdle = running.get(subscription) == 0 && !queued.containsKey(subscription);
        if (nowIdle) {
          running.remove(subscription);
        }
        dispatch();
      }
      if (nowIdle) {
        idle.accept(subscription);
      }
      // Only now is the read over for await(): its idle notice has been given.
      synchronized (this) {
        pending--;
        notifyAll();
      }
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
