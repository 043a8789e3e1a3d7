package dev.attest.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipException;

/**
 * Checks a bundle folder or zip against its manifest and signature and says precisely what is
 * wrong, one line per problem: a file whose bytes changed, a file added or removed, a signature by
 * another key than the trusted one, a bad signature, an unsigned bundle, a truncated or corrupt
 * zip, or zip entries that would escape the bundle folder.
 */
public final class BundleVerifier {

  /** The outcome: problems (empty when intact), informational notes, and who signed. */
  public record Verification(List<String> problems, List<String> notes, int files, String signer) {
    public Verification {
      problems = List.copyOf(problems);
      notes = List.copyOf(notes);
    }

    public boolean intact() {
      return problems.isEmpty();
    }
  }

  /**
   * Verifies the bundle; with a trusted key the signature must be that key's, without one the key
   * the bundle carries is used (which proves integrity, not who signed). An unsigned bundle is a
   * problem unless {@code allowUnsigned}, in which case it is a note.
   */
  public Verification verify(Path bundle, PublicKey trusted, boolean allowUnsigned) {
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    try (BundleContents contents = BundleContents.open(bundle, problems)) {
      if (contents == null) {
        return new Verification(problems, notes, 0, null);
      }
      return check(contents, trusted, allowUnsigned, problems, notes);
    } catch (ZipException e) {
      problems.add("corrupt: " + bundle.getFileName() + ": " + e.getMessage());
    } catch (IOException e) {
      problems.add("corrupt: " + bundle.getFileName() + " cannot be read: " + e.getMessage());
    }
    return new Verification(problems, notes, 0, null);
  }

  /**
   * Verifies one file that sits beside a bundle's manifest without the rest of the bundle (a
   * baseline's findings.json copied into a later bundle with its manifest, signature and public
   * key): its SHA-256 must be the one the manifest lists, and the signature must hold, by the
   * trusted key when one is given. Returns the manifest read (null when there is none to check
   * against) with the verification.
   */
  public Member verifyMember(Path folder, String member, PublicKey trusted) {
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    try (BundleContents contents = BundleContents.Folder.open(folder, problems)) {
      if (contents == null) {
        return new Member(null, new Verification(problems, notes, 0, null));
      }
      Set<String> present = new TreeSet<>(contents.paths());
      byte[] manifestBytes = readChecked(contents, Manifest.FILE_NAME, problems);
      if (manifestBytes == null) {
        return new Member(null, new Verification(problems, notes, 0, null));
      }
      Manifest manifest;
      try {
        manifest = Manifest.parse(manifestBytes);
      } catch (JsonProcessingException e) {
        return new Member(null, new Verification(List.of(), notes, 0, null));
      }
      Manifest.FileEntry entry = manifest.files().stream().filter(f -> f.path().equals(member)).findFirst().orElse(null);
      if (entry == null) {
        // A manifest that does not list the file is not its bundle's: nothing to check it against.
        return new Member(null, new Verification(List.of(), notes, 0, null));
      }
      String actual = hashChecked(contents, member, problems);
      if (actual != null && !actual.equals(entry.sha256())) {
        problems.add("changed: " + member + " (sha256 " + actual + ", the manifest says " + entry.sha256() + ")");
      }
      String signer = checkSignature(contents, manifest, manifestBytes, present, trusted, trusted == null, problems,
          notes);
      return new Member(manifest, new Verification(problems, notes, 1, signer));
    } catch (IOException e) {
      problems.add("corrupt: " + folder + " cannot be read: " + e.getMessage());
      return new Member(null, new Verification(problems, notes, 0, null));
    }
  }

  /** A member file's check: the manifest it was checked against (null when none lists it) and the outcome. */
  public record Member(Manifest manifest, Verification verification) {}

  /** The manifest of a bundle folder or zip, or null when it has none that parses. */
  public Manifest manifestOf(Path bundle) {
    List<String> ignored = new ArrayList<>();
    try (BundleContents contents = BundleContents.open(bundle, ignored)) {
      if (contents == null || !contents.paths().contains(Manifest.FILE_NAME)) {
        return null;
      }
      return Manifest.parse(contents.read(Manifest.FILE_NAME));
    } catch (IOException e) {
      return null;
    }
  }

  /** The bytes of a bundle's own files (manifest, signature, public key) that exist in it, by path. */
  public java.util.Map<String, byte[]> signatureFiles(Path bundle) {
    java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    List<String> ignored = new ArrayList<>();
    try (BundleContents contents = BundleContents.open(bundle, ignored)) {
      if (contents != null) {
        for (String path : List.of(Manifest.FILE_NAME, Manifest.SIGNATURE_FILE, Manifest.PUBLIC_KEY_FILE)) {
          if (contents.paths().contains(path)) {
            files.put(path, contents.read(path));
          }
        }
      }
    } catch (IOException e) {
      // The verification that came before says what is wrong; nothing more to copy.
    }
    return files;
  }

  private Verification check(BundleContents contents, PublicKey trusted, boolean allowUnsigned,
      List<String> problems, List<String> notes) throws IOException {
    Set<String> present = new TreeSet<>(contents.paths());
    if (!present.contains(Manifest.FILE_NAME)) {
      problems.add("removed: " + Manifest.FILE_NAME + " (without it nothing in the bundle can be checked)");
      return new Verification(problems, notes, 0, null);
    }
    byte[] manifestBytes = readChecked(contents, Manifest.FILE_NAME, problems);
    if (manifestBytes == null) {
      return new Verification(problems, notes, 0, null);
    }
    Manifest manifest;
    try {
      manifest = Manifest.parse(manifestBytes);
    } catch (JsonProcessingException e) {
      problems.add("corrupt: " + Manifest.FILE_NAME + " is not a valid manifest (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage() + ")");
      return new Verification(problems, notes, 0, null);
    }

    Map<String, Manifest.FileEntry> listed = new LinkedHashMap<>();
    manifest.files().forEach(f -> listed.put(f.path(), f));
    for (Manifest.FileEntry entry : listed.values()) {
      if (!present.contains(entry.path())) {
        problems.add("removed: " + entry.path() + " (listed in the manifest, missing from the bundle)");
        continue;
      }
      String actual = hashChecked(contents, entry.path(), problems);
      if (actual != null && !actual.equals(entry.sha256())) {
        problems.add("changed: " + entry.path() + " (sha256 " + actual + ", the manifest says " + entry.sha256() + ")");
      }
    }
    for (String path : present) {
      boolean own = path.equals(Manifest.FILE_NAME) || path.equals(Manifest.SIGNATURE_FILE);
      if (!own && !listed.containsKey(path)) {
        problems.add("added: " + path + " (not listed in the manifest)");
      }
    }
    String signer = checkSignature(contents, manifest, manifestBytes, present, trusted, allowUnsigned, problems, notes);
    return new Verification(problems, notes, listed.size(), signer);
  }

  /** Checks manifest.sig; returns the signer's fingerprint when the signature holds. */
  private String checkSignature(BundleContents contents, Manifest manifest, byte[] manifestBytes, Set<String> present,
      PublicKey trusted, boolean allowUnsigned, List<String> problems, List<String> notes) throws IOException {
    Manifest.SignatureInfo info = manifest.signature();
    boolean hasSig = present.contains(Manifest.SIGNATURE_FILE);
    if (info == null) {
      if (hasSig) {
        problems.add("signature: " + Manifest.SIGNATURE_FILE + " is present but the manifest names no signing key");
      } else if (allowUnsigned) {
        notes.add("unsigned: the bundle carries no signature (allowed by --allow-unsigned); hashes prove only "
            + "that the files match the manifest, not who wrote it");
      } else {
        problems.add("unsigned: the bundle carries no signature (" + Manifest.SIGNATURE_FILE
            + "); pass --allow-unsigned to check only the hashes");
      }
      return null;
    }
    if (!hasSig) {
      problems.add("removed: " + Manifest.SIGNATURE_FILE + " (the manifest says the bundle is signed by "
          + info.fingerprint() + ")");
      return null;
    }
    byte[] signature;
    try {
      signature = Base64.getMimeDecoder().decode(
          new String(readChecked(contents, Manifest.SIGNATURE_FILE, problems), StandardCharsets.US_ASCII).strip());
    } catch (IllegalArgumentException | NullPointerException e) {
      problems.add("corrupt: " + Manifest.SIGNATURE_FILE + " is not a base64 signature");
      return null;
    }
    PublicKey carried = null;
    if (info.publicKey() != null && present.contains(info.publicKey())) {
      byte[] pem = readChecked(contents, info.publicKey(), problems);
      try {
        carried = pem == null ? null : SigningKeys.publicFromPem(new String(pem, StandardCharsets.US_ASCII), info.publicKey());
      } catch (SigningKeys.KeyProblem e) {
        problems.add("corrupt: " + e.getMessage());
      }
    }
    if (carried != null && !SigningKeys.fingerprint(carried).equals(info.fingerprint())) {
      problems.add("signature: " + info.publicKey() + " has fingerprint " + SigningKeys.fingerprint(carried)
          + " but the manifest names " + info.fingerprint());
    }
    PublicKey key = trusted != null ? trusted : carried;
    if (key == null) {
      problems.add("signature: no public key to check it with (" + info.publicKey() + " is missing; pass --trusted-key)");
      return null;
    }
    String keyPrint = SigningKeys.fingerprint(key);
    boolean valid = SigningKeys.verify(key, manifestBytes, signature);
    if (trusted != null && !keyPrint.equals(info.fingerprint()) && !valid) {
      problems.add("signature: made by another key: the bundle names " + info.fingerprint()
          + ", the trusted key is " + keyPrint);
      return null;
    }
    if (!valid) {
      problems.add("signature: bad signature: " + Manifest.SIGNATURE_FILE + " does not match " + Manifest.FILE_NAME
          + " under key " + keyPrint);
      return null;
    }
    if (trusted == null) {
      notes.add("signed by " + keyPrint + " (the key the bundle carries; pass --trusted-key to check who signed)");
    } else {
      notes.add("signed by the trusted key " + keyPrint);
    }
    return keyPrint;
  }

  private static byte[] readChecked(BundleContents contents, String path, List<String> problems) {
    try {
      return contents.read(path);
    } catch (IOException e) {
      problems.add("corrupt: " + path + " cannot be read (" + e.getMessage() + ")");
      return null;
    }
  }

  private static String hashChecked(BundleContents contents, String path, List<String> problems) {
    try {
      return contents.sha256(path);
    } catch (IOException e) {
      problems.add("corrupt: " + path + " cannot be read (" + e.getMessage() + ")");
      return null;
    }
  }
}
