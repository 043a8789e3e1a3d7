package dev.attest.report.document;

import java.util.Locale;

/** Fragment ids for sections, controls, findings and rules: valid in HTML and as XML ids. */
final class Anchors {
  private Anchors() {}

  static String control(String id) {
    return "c-" + clean(id);
  }

  static String finding(String id) {
    return "f-" + clean(id);
  }

  static String rule(String id) {
    return "r-" + clean(id);
  }

  static String attestation(String id) {
    return "a-" + clean(id);
  }

  static String evidence(String id) {
    return "e-" + clean(id);
  }

  static String group(String framework, String key) {
    return "g-" + framework + "-" + clean(key);
  }

  /** Letters, digits and single hyphens only: "hipaa:164.312(e)(1)" becomes "hipaa-164-312-e-1". */
  private static String clean(String text) {
    String cleaned = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return cleaned.replaceAll("^-|-$", "");
  }
}
