package dev.attest.engine;

/** A rule could not be evaluated on a resource (type mismatch, bad data): the finding is ERROR. */
public final class EvaluationError extends RuntimeException {
  public EvaluationError(String message) {
    super(message, null, false, false);
  }
}
