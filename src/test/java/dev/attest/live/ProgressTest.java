package dev.attest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The progress display: one redrawn line on a terminal, plain lines otherwise. */
class ProgressTest {
  @Test
  void aTerminalGetsOneLineRedrawnInPlaceAndAFinalNewline() throws Exception {
    List<String> out = new CopyOnWriteArrayList<>();
    try (Progress progress = new Progress(out::add, true, Duration.ofMillis(50)).start()) {
      progress.subscriptions(2);
      progress.page();
      progress.related();
      progress.query();
      Thread.sleep(200);
    }
    assertTrue(out.size() >= 2, out.toString());
    out.forEach(text -> assertTrue(text.startsWith("\r"), "redrawn in place: " + text));
    assertEquals("\rlive: 2 subscription(s), 1 page(s), 1 related read(s), 1 log query(ies)" + System.lineSeparator(),
        out.get(out.size() - 1));
  }

  @Test
  void aLogGetsPlainLinesOnlyWhenSomethingChanged() throws Exception {
    List<String> out = new CopyOnWriteArrayList<>();
    try (Progress progress = new Progress(out::add, false, Duration.ofMillis(50)).start()) {
      progress.subscriptions(1);
      Thread.sleep(300);
    }
    assertEquals(List.of("live: 1 subscription(s), 0 page(s), 0 related read(s), 0 log query(ies)" + System.lineSeparator()),
        out);
  }
}
