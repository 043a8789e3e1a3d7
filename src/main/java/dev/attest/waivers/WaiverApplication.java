package dev.attest.waivers;

import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies a waiver register to findings as of a date: a FAIL covered by an unexpired waiver
 * becomes WAIVED (keeping its evidence and naming the waiver); expired waivers cover nothing and
 * are reported with the failures they no longer cover; unused ones are reported too.
 */
public final class WaiverApplication {
  /** Waivers expiring within this many days are flagged so they are renewed or fixed in time. */
  public static final int NOTICE_DAYS = 30;

  private WaiverApplication() {}

  /** The findings with waivers applied, and the register's state. */
  public record Result(List<Finding> findings, List<WaiverResult> waivers) {
    public Result {
      findings = List.copyOf(findings);
      waivers = List.copyOf(waivers);
    }

    public long expired() {
      return waivers.stream().filter(w -> w.state() == WaiverResult.State.EXPIRED).count();
    }
  }

  public static Result apply(List<Waiver> waivers, List<Finding> findings, LocalDate asOf,
      Function<String, Map<String, String>> tagsOf) {
    int[] waived = new int[waivers.size()];
    int[] uncovered = new int[waivers.size()];
    List<Finding> out = new ArrayList<>(findings.size());
    for (Finding finding : findings) {
      if (finding.status() != Status.FAIL) {
        out.add(finding);
        continue;
      }
      Map<String, String> tags = null;
      Finding result = finding;
      for (int i = 0; i < waivers.size(); i++) {
        Waiver waiver = waivers.get(i);
        if (tags == null && !waiver.tags().isEmpty()) {
          tags = tagsOf.apply(finding.resourceId());
        }
        if (!waiver.covers(finding.ruleId(), finding.resourceId(), tags == null ? Map.of() : tags)) {
          continue;
        }
        if (waiver.isExpired(asOf)) {
          uncovered[i]++;
          continue;
        }
        waived[i]++;
        result = finding.waivedBy(waiver.id(), "waived by " + waiver.id() + " (" + waiver.category().label()
            + ", expires " + waiver.expires() + "): " + finding.message());
        break;
      }
      out.add(result);
    }
    List<WaiverResult> states = new ArrayList<>();
    for (int i = 0; i < waivers.size(); i++) {
      Waiver waiver = waivers.get(i);
      WaiverResult.State state;
      if (waiver.isExpired(asOf)) {
        state = WaiverResult.State.EXPIRED;
      } else if (waived[i] == 0) {
        state = WaiverResult.State.UNUSED;
      } else if (!waiver.expires().isAfter(asOf.plusDays(NOTICE_DAYS))) {
        state = WaiverResult.State.EXPIRING_SOON;
      } else {
        state = WaiverResult.State.ACTIVE;
      }
      states.add(new WaiverResult(waiver, state, waived[i], uncovered[i]));
    }
    return new Result(out, states);
  }
}
