package dev.attest.live;

/**
 * A live scan that cannot start or go on: authentication or authorisation ({@code auth}, exit 4)
 * or bad settings (exit 2). The message is the one line a user sees.
 */
public final class LiveFailure extends Exception {
  private final boolean auth;

  public LiveFailure(boolean auth, String message) {
    super(message, null, false, false);
    this.auth = auth;
  }

  /** True for authentication/authorisation failures (exit 4), false for usage errors (exit 2). */
  public boolean auth() {
    return auth;
  }

  /** The first line of an exception's message, for one-line errors. */
  static String firstLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse(e.getClass().getSimpleName());
  }
}
