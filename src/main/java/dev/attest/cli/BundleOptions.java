package dev.attest.cli;

import dev.attest.bundle.Redactor;
import dev.attest.bundle.SigningKeys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code scan --bundle} and {@code bundle}: signing key, period, scope name. */
final class BundleOptions {
  static final String SIGN_KEY_ENV = "ATTEST_SIGN_KEY";

  @Option(names = "--sign-key", paramLabel = "FILE", defaultValue = "${env:" + SIGN_KEY_ENV + "}",
      description = "Ed25519 private key (PKCS#8 PEM, from attest keygen) to sign the bundle's manifest. "
          + "Default: the file named by $" + SIGN_KEY_ENV + "; without either the bundle is unsigned.")
  Path signKey;

  @Option(names = "--period", paramLabel = "TEXT",
      description = "The period the evidence covers, recorded in the manifest (e.g. 2025-Q1).")
  String period;

  @Option(names = "--scope-name", paramLabel = "NAME",
      description = "Short name for the bundle folder (default: 'demo', or the first subscription id).")
  String scopeName;

  /** The signing key pair, or null when none was given. */
  KeyPair signingKey() throws SigningKeys.KeyProblem {
    return signKey == null || signKey.toString().isBlank() ? null : SigningKeys.readPrivate(signKey);
  }

  /**
   * The command line for the manifest: the key file's path is replaced (it says where a signing
   * key lives on the signer's machine, which an auditor does not need), and any argument that
   * looks like a secret (a SAS URL passed as a parameter) is redacted like snapshot values.
   */
  static List<String> recordedCommandLine(List<String> args, Redactor redactor) {
    List<String> recorded = new ArrayList<>();
    recorded.add("attest");
    boolean keyNext = false;
    for (String arg : args) {
      if (keyNext) {
        recorded.add(Redactor.REDACTED);
        keyNext = false;
      } else if (arg.equals("--sign-key")) {
        recorded.add(arg);
        keyNext = true;
      } else if (arg.startsWith("--sign-key=")) {
        recorded.add("--sign-key=" + Redactor.REDACTED);
      } else {
        recorded.add(redactor.redactValue(arg));
      }
    }
    return recorded;
  }
}
