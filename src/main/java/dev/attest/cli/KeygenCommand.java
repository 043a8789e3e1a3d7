package dev.attest.cli;

import dev.attest.assessment.Gate;
import dev.attest.bundle.SigningKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code attest keygen}: an Ed25519 key pair for signing bundles. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = "Write an Ed25519 key pair for signing bundles: attest-signing.key (private, owner-only) "
        + "and attest-signing.pub; print the public key's fingerprint.")
final class KeygenCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Folder for the key files (default: .).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    KeyPair pair = SigningKeys.generate();
    try {
      SigningKeys.write(pair, out);
    } catch (FileAlreadyExistsException e) {
      spec.commandLine().getErr().println("attest keygen: " + e.getFile() + " already exists; not overwritten");
      return Gate.USAGE;
    } catch (IOException e) {
      spec.commandLine().getErr().println("attest keygen: cannot write keys to " + out + ": " + e.getMessage());
      return Gate.USAGE;
    }
    stdout.println("Private key " + out.resolve(SigningKeys.PRIVATE_KEY_FILE) + " (keep it secret; owner-only)");
    stdout.println("Public key  " + out.resolve(SigningKeys.PUBLIC_KEY_FILE) + " (give it to auditors)");
    stdout.println("Fingerprint " + SigningKeys.fingerprint(pair.getPublic()));
    return Gate.OK;
  }
}
