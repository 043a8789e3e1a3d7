package dev.attest.engine;

/** The outcome of one rule on one resource. */
public enum Status {
  PASS, FAIL, ERROR, NOT_APPLICABLE, WAIVED
}
