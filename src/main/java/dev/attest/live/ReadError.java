package dev.attest.live;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementException;
import com.azure.identity.CredentialUnavailableException;

/**
 * Why one read failed, already classified: denied (403), failed (errors after retries, timeouts,
 * malformed replies), or an authentication failure (no token, 401) that stops the whole scan.
 */
final class ReadError extends Exception {
  private final Coverage.Status status;
  private final boolean auth;

  ReadError(Coverage.Status status, boolean auth, String reason) {
    super(reason, null, false, false);
    this.status = status;
    this.auth = auth;
  }

  Coverage.Status status() {
    return status;
  }

  boolean auth() {
    return auth;
  }

  /** Classifies an HTTP status with the ARM error code and message from its body. */
  static ReadError forStatus(int status, String code, String message) {
    String reason = "HTTP " + status + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message);
    if (status == 401) {
      return new ReadError(Coverage.Status.FAILED, true, reason);
    }
    if (status == 403) {
      return new ReadError(Coverage.Status.DENIED, false, reason);
    }
    if (status == 404) {
      return new ReadError(Coverage.Status.FAILED, false, reason
          + " (not found: deleted since Resource Graph listed it, or not readable at this path)");
    }
    return new ReadError(Coverage.Status.FAILED, false, reason);
  }

  /** Classifies what an SDK call threw. */
  static ReadError from(Throwable thrown) {
    Throwable e = thrown;
    while (e.getCause() != null && !(e instanceof HttpResponseException) && !isCredential(e)) {
      e = e.getCause();
    }
    if (isCredential(e)) {
      return new ReadError(Coverage.Status.FAILED, true, "cannot get a token: " + LiveFailure.firstLine(e));
    }
    if (e instanceof ManagementException managed && managed.getResponse() != null) {
      var error = managed.getValue();
      return forStatus(managed.getResponse().getStatusCode(), error == null ? null : error.getCode(),
          error == null ? null : firstLine(error.getMessage()));
    }
    if (e instanceof HttpResponseException http && http.getResponse() != null) {
      return forStatus(http.getResponse().getStatusCode(), null, LiveFailure.firstLine(http));
    }
    String kind = e instanceof java.util.concurrent.TimeoutException ? "timed out" : e.getClass().getSimpleName();
    return new ReadError(Coverage.Status.FAILED, false, kind + ": " + LiveFailure.firstLine(e));
  }

  private static boolean isCredential(Throwable e) {
    return e instanceof CredentialUnavailableException || e instanceof ClientAuthenticationException;
  }

  static String firstLine(String text) {
    return text == null ? null : text.lines().findFirst().orElse("").trim();
  }
}
