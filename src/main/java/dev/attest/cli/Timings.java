package dev.attest.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall time per phase of a scan, printed as one line on stderr with {@code --timings}: where a
 * large scan spends its time (reading, indexing, evaluating and writing, the summary), for the
 * benchmark and for users sizing a CI job. Off, it only takes the clock.
 */
final class Timings {
  private final boolean enabled;
  private final List<String> phases = new ArrayList<>();
  private long last = System.nanoTime();

  Timings(boolean enabled) {
    this.enabled = enabled;
  }

  /** Ends the phase under way, named {@code name} (with an optional note such as a count). */
  void lap(String name, String note) {
    long now = System.nanoTime();
    if (enabled) {
      phases.add(String.format(Locale.ROOT, "%s %.2f s%s", name, (now - last) / 1e9, note == null ? "" : " (" + note + ")"));
    }
    last = now;
  }

  void print(PrintWriter err) {
    if (enabled && !phases.isEmpty()) {
      err.println("attest: timings: " + String.join(", ", phases));
      err.flush();
    }
  }
}
