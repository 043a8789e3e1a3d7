package dev.attest.cli;

import dev.attest.baseline.FindingsSnapshot;
import dev.attest.bundle.BundleVerifier;
import dev.attest.bundle.Manifest;
import dev.attest.bundle.SigningKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A baseline (or a side of {@code attest diff}) read for use: a bundle folder or zip is verified
 * against its manifest first (and its signature: by the trusted key when one is given), and so is
 * a findings.json that sits beside its bundle's manifest; a tampered one is refused. A verified
 * bundle is then named by its manifest (name, time, period, signer), and its manifest, signature and
 * public key travel with the findings when a bundle copies the baseline into {@code inputs/baseline/},
 * so the copy is checked, and named, the same way when the bundle is re-run.
 */
final class BaselineInput {
  /** The snapshot to compare with, and the files a bundle copies for it ({@code inputs/baseline/}), by name. */
  record Loaded(FindingsSnapshot snapshot, Map<String, byte[]> files, String fileName) {}

  private final BundleVerifier verifier = new BundleVerifier();

  /** Reads and checks {@code path}; the message of the exception is the one line users see. */
  Loaded read(Path path, PublicKey trusted) throws FindingsSnapshot.Unreadable {
    if (Files.isDirectory(path) && Files.isRegularFile(path.resolve(Manifest.FILE_NAME))
        || isZip(path) && verifier.manifestOf(path) != null) {
      return bundle(path, trusted);
    }
    FindingsSnapshot snapshot = FindingsSnapshot.read(path);
    Path file = Files.isRegularFile(path) && !isZip(path) ? path : null;
    if (file != null && file.toAbsolutePath().getParent() != null
        && Files.isRegularFile(file.toAbsolutePath().getParent().resolve(Manifest.FILE_NAME))) {
      Loaded member = member(file, snapshot, trusted);
      if (member != null) {
        return member;
      }
    }
    if (trusted != null) {
      throw new FindingsSnapshot.Unreadable(path + ": not a bundle, so there is no signature to check against the "
          + "trusted key (give the bundle folder or zip)");
    }
    String name = file != null ? file.getFileName().toString() : "findings.json";
    return new Loaded(snapshot, Map.of(name, snapshot.raw()), name);
  }

  private Loaded bundle(Path path, PublicKey trusted) throws FindingsSnapshot.Unreadable {
    BundleVerifier.Verification verification = verifier.verify(path, trusted, trusted == null);
    refuseUnlessIntact(path, verification);
    Manifest manifest = verifier.manifestOf(path);
    FindingsSnapshot snapshot = FindingsSnapshot.read(path);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("findings.json", snapshot.raw());
    files.putAll(verifier.signatureFiles(path));
    return new Loaded(named(snapshot, manifest, verification), files, "findings.json");
  }

  /** A findings.json beside a manifest.json: checked against it when the manifest lists it, else null. */
  private Loaded member(Path file, FindingsSnapshot snapshot, PublicKey trusted) throws FindingsSnapshot.Unreadable {
    Path folder = file.toAbsolutePath().getParent();
    String name = file.getFileName().toString();
    BundleVerifier.Member member = verifier.verifyMember(folder, name, trusted);
    if (member.manifest() == null) {
      refuseUnlessIntact(file, member.verification());
      return null;
    }
    refuseUnlessIntact(file, member.verification());
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(name, snapshot.raw());
    files.putAll(verifier.signatureFiles(folder));
    return new Loaded(named(snapshot, member.manifest(), member.verification()), files, name);
  }

  private static FindingsSnapshot named(FindingsSnapshot snapshot, Manifest manifest,
      BundleVerifier.Verification verification) {
    return snapshot.withOrigin(snapshot.origin().asBundle(manifest.name(), manifest.createdAt(), manifest.period(),
        verification.signer()));
  }

  private static void refuseUnlessIntact(Path path, BundleVerifier.Verification verification)
      throws FindingsSnapshot.Unreadable {
    if (verification.intact()) {
      return;
    }
    List<String> problems = verification.problems();
    throw new FindingsSnapshot.Unreadable(path + " is not an intact bundle: " + problems.get(0)
        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem(s))" : "")
        + "; attest verify " + path + " says what is wrong");
  }

  private static boolean isZip(Path path) {
    return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
  }

  /** Reads a trusted public key for an option, or throws with the one line users see. */
  static PublicKey trustedKey(Path file, String option) throws FindingsSnapshot.Unreadable {
    if (file == null) {
      return null;
    }
    try {
      return SigningKeys.readPublic(file);
    } catch (SigningKeys.KeyProblem e) {
      throw new FindingsSnapshot.Unreadable(option + " " + e.getMessage());
    }
  }
}
