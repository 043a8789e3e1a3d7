package dev.attest.live;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * How far a live scan has got: subscriptions, Resource Graph and Policy pages, related ARM reads
 * and log queries. On a terminal it redraws one line in place; otherwise (CI logs) it writes a
 * plain line every {@code every} so a long scan is visibly alive without flooding the log.
 */
public final class Progress implements AutoCloseable {
  private final AtomicInteger subscriptions = new AtomicInteger();
  private final AtomicInteger pages = new AtomicInteger();
  private final AtomicInteger related = new AtomicInteger();
  private final AtomicInteger queries = new AtomicInteger();
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

  void page() {
    pages.incrementAndGet();
  }

  void related() {
    related.incrementAndGet();
  }

  void query() {
    queries.incrementAndGet();
  }

  /** The counts as one line, e.g. {@code live: 2 subscription(s), 12 page(s), 340 related read(s), 8 query(ies)}. */
  public String line() {
    return String.format(Locale.ROOT, "live: %d subscription(s), %d page(s), %d related read(s), %d log query(ies)",
        subscriptions.get(), pages.get(), related.get(), queries.get());
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
