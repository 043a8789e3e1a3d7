package dev.attest.cli;

import dev.attest.assessment.Gate;
import dev.attest.bundle.BundleVerifier;
import dev.attest.bundle.SigningKeys;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code attest verify}: checks a bundle's hashes and signature and says what is wrong. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Verify an evidence bundle (folder or zip): every file's SHA-256 and the manifest's Ed25519 signature.",
    footer = {"", "Exit codes: 0 intact, 5 not intact (changed, added or removed files, bad or untrusted "
        + "signature, unsigned, corrupt or unsafe zip), 2 usage error."})
final class VerifyCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "BUNDLE", description = "A bundle folder or its .zip.")
  Path bundle;

  @Option(names = "--trusted-key", paramLabel = "PUBKEY",
      description = "The signer's public key (PEM, attest-signing.pub): the signature must be made by it.")
  Path trustedKey;

  @Option(names = "--allow-unsigned", description = "Accept a bundle without a signature (hashes are still checked).")
  boolean allowUnsigned;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.exists(bundle)) {
      err.println("attest verify: " + bundle + " does not exist");
      return Gate.USAGE;
    }
    PublicKey trusted = null;
    if (trustedKey != null) {
      try {
        trusted = SigningKeys.readPublic(trustedKey);
      } catch (SigningKeys.KeyProblem e) {
        err.println("attest verify: --trusted-key " + e.getMessage());
        return Gate.USAGE;
      }
    }
    BundleVerifier.Verification result = new BundleVerifier().verify(bundle, trusted, allowUnsigned);
    result.problems().forEach(out::println);
    result.notes().forEach(out::println);
    if (result.intact()) {
      out.println("attest verify: OK: " + bundle + ": " + result.files() + " files match the manifest");
      return Gate.OK;
    }
    out.println("attest verify: FAILED: " + bundle + ": " + result.problems().size() + " problem(s)");
    return Gate.NOT_INTACT;
  }
}
