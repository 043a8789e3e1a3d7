package dev.attest.live;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * How far a live scan has got, with totals where they are known: subscriptions done of those in
 * scope, Resource Graph and Policy pages read of those expected (Resource Graph says how many rows
 * a query has on its first page), ARM reads done of those queued so far, log queries done of those
 * planned. On a terminal it redraws one line in place; otherwise (CI logs) it writes a plain line
 * every {@code every} so a long scan is visibly alive without flooding the log.
 */
public final class Progress implements AutoCloseable {
  private final AtomicInteger subscriptions = new AtomicInteger();
  private final AtomicInteger subscriptionsDone = new AtomicInteger();
  private final AtomicInteger pages = new AtomicInteger();
  private final AtomicLong pagesExpected = new AtomicLong();
  private final AtomicInteger related = new AtomicInteger();
  private final AtomicInteger relatedPlanned = new AtomicInteger();
  private final AtomicInteger queries = new AtomicInteger();
  private final AtomicInteger queriesPlanned = new AtomicInteger();
  private final Consumer<String> sink;
  private final boolean terminal;
  private final long everyMillis;
  private ScheduledExecutorService ticker;
  private volatile String last = "";

  /**
   * @param sink where lines go (stderr)
   * @param terminal true to redraw one line with carriage returns, false for plain log lines
   */
  public Progress(Consumer<String> sink, boolean terminal, java.time.Duration every) {
    this.sink = sink;
    this.terminal = terminal;
    this.everyMillis = Math.max(50, every.toMillis());
  }

  /** A progress that shows nothing (tests, --quiet). */
  public static Progress silent() {
    return new Progress(line -> { }, false, java.time.Duration.ofDays(1));
  }

  /** Starts redrawing (terminal) or logging (otherwise) until {@link #close()}. */
  public Progress start() {
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "attest-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(this::show, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    return this;
  }

  void subscriptions(int total) {
    subscriptions.set(total);
  }

  void subscriptionDone() {
    subscriptionsDone.incrementAndGet();
  }

  void page() {
    pages.incrementAndGet();
  }

  /** A query that will take this many pages has started. */
  void pagesExpected(long count) {
    pagesExpected.addAndGet(count);
  }

  void relatedPlanned() {
    relatedPlanned.incrementAndGet();
  }

  void related() {
    related.incrementAndGet();
  }

  void queriesPlanned(int count) {
    queriesPlanned.addAndGet(count);
  }

  void query() {
    queries.incrementAndGet();
  }

  /**
   * The counts as one line, e.g. {@code live: subscriptions 1/2, pages 12/30, ARM reads 340/512,
   * log queries 0/8}; a total is left out while nothing is known of it.
   */
  public String line() {
    return String.format(Locale.ROOT, "live: subscriptions %d/%d, pages %s, ARM reads %s, log queries %s",
        subscriptionsDone.get(), subscriptions.get(), ofTotal(pages.get(), pagesExpected.get()),
        ofTotal(related.get(), relatedPlanned.get()), ofTotal(queries.get(), queriesPlanned.get()));
  }

  private static String ofTotal(long done, long total) {
    return total > 0 ? done + "/" + Math.max(done, total) : String.valueOf(done);
  }

  private void show() {
    String line = line();
    if (terminal) {
      // Pad over the previous line so a shorter one leaves no stale characters.
      sink.accept("\r" + line + " ".repeat(Math.max(0, last.length() - line.length())));
    } else if (!line.equals(last)) {
      sink.accept(line + System.lineSeparator());
    }
    last = line;
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      ticker = null;
      if (terminal && !last.isEmpty()) {
        sink.accept("\r" + line() + System.lineSeparator());
      }
    }
  }
}
