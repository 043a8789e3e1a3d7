package dev.attest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The progress display: one redrawn line on a terminal, plain lines otherwise, with totals where known. */
class ProgressTest {
  @Test
  void aTerminalGetsOneLineRedrawnInPlaceAndAFinalNewline() throws Exception {
    List<String> out = new CopyOnWriteArrayList<>();
    try (Progress progress = new Progress(out::add, true, Duration.ofMillis(50)).start()) {
      progress.subscriptions(2);
      progress.subscriptionDone();
      progress.pagesExpected(3);
      progress.page();
      progress.relatedPlanned();
      progress.relatedPlanned();
      progress.related();
      progress.queriesPlanned(8);
      progress.query();
      Thread.sleep(200);
    }
    assertTrue(out.size() >= 2, out.toString());
    out.forEach(text -> assertTrue(text.startsWith("\r"), "redrawn in place: " + text));
    assertEquals("\rlive: subscriptions 1/2, pages 1/3, ARM reads 1/2, log queries 1/8" + System.lineSeparator(),
        out.get(out.size() - 1));
  }

  @Test
  void aLogGetsPlainLinesOnlyWhenSomethingChanged() throws Exception {
    List<String> out = new CopyOnWriteArrayList<>();
    try (Progress progress = new Progress(out::add, false, Duration.ofMillis(50)).start()) {
      progress.subscriptions(1);
      Thread.sleep(300);
    }
    assertEquals(List.of("live: subscriptions 0/1, pages 0, ARM reads 0, log queries 0" + System.lineSeparator()), out);
  }
}
