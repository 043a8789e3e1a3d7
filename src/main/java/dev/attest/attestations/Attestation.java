package dev.attest.attestations;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Manual evidence for controls no scan can see (risk analysis, training, contingency testing,
 * BAAs): what is attested, by whom, when, until when, with links or hashed files; and, for a
 * HIPAA Addressable specification, the decision 164.306(d)(3) asks for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attestation(
    String id,
    List<String> controls,
    String statement,
    String owner,
    LocalDate date,
    LocalDate expires,
    Decision decision,
    String alternative,
    String rationale,
    List<EvidenceItem> evidence) {

  public Attestation {
    controls = List.copyOf(controls);
    evidence = List.copyOf(evidence);
  }

  @JsonIgnore
  public boolean isCurrent(LocalDate asOf) {
    return !date.isAfter(asOf) && (expires == null || !expires.isBefore(asOf));
  }

  /** A link, or a file with its SHA-256 and size (the bundle copies the file). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EvidenceItem(String title, String link, String file, String sha256, Long bytes) {}

  /** The decision recorded for an Addressable implementation specification. */
  public enum Decision {
    IMPLEMENTED("implemented"),
    ALTERNATIVE("alternative"),
    NOT_REASONABLE("not-reasonable");

    private final String label;

    Decision(String label) {
      this.label = label;
    }

    @JsonValue
    public String label() {
      return label;
    }

    /** How reports say it. */
    public String describe() {
      return switch (this) {
        case IMPLEMENTED -> "implemented as specified";
        case ALTERNATIVE -> "an equivalent alternative measure is implemented";
        case NOT_REASONABLE -> "not reasonable and appropriate (documented rationale)";
      };
    }

    public static Optional<Decision> parse(String text) {
      for (Decision d : values()) {
        if (d.label.equalsIgnoreCase(text)) {
          return Optional.of(d);
        }
      }
      return Optional.empty();
    }
  }

  /** How many days' notice the register gives before an attestation lapses. */
  public static String state(Attestation a, LocalDate asOf, int noticeDays) {
    if (a.date.isAfter(asOf)) {
      return "future";
    }
    if (a.expires != null && a.expires.isBefore(asOf)) {
      return "expired";
    }
    if (a.expires != null && !a.expires.isAfter(asOf.plusDays(noticeDays))) {
      return "expiring-soon";
    }
    return "current";
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
