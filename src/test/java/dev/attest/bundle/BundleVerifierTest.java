package dev.attest.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attest verify}'s checks against real bundles tampered with in each way. */
class BundleVerifierTest {
  @TempDir
  Path dir;
  KeyPair key;
  BundleWriter.Written bundle;
  final BundleVerifier verifier = new BundleVerifier();

  @BeforeEach
  void setUp() throws Exception {
    key = SigningKeys.generate();
    bundle = TestBundles.write(TestBundles.pack(dir.resolve("pack")), dir.resolve("out"), key);
  }

  private List<String> problems(Path target) {
    return verifier.verify(target, key.getPublic(), false).problems();
  }

  @Test
  void aFreshBundleIsIntactAsFolderAndAsZip() {
    for (Path target : List.of(bundle.folder(), bundle.zip())) {
      BundleVerifier.Verification result = verifier.verify(target, key.getPublic(), false);
      assertEquals(List.of(), result.problems(), target.toString());
      assertEquals(List.of("signed by the trusted key " + SigningKeys.fingerprint(key.getPublic())), result.notes());
      assertEquals(bundle.manifest().files().size(), result.files());
    }
    assertTrue(verifier.verify(bundle.folder(), null, false).intact(), "the carried key verifies too");
  }

  @Test
  void aChangedByteIsNamed() throws Exception {
    Path findings = bundle.folder().resolve("findings.json");
    byte[] bytes = Files.readAllBytes(findings);
    bytes[bytes.length / 2] ^= 1;
    Files.write(findings, bytes);
    List<String> problems = problems(bundle.folder());
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("changed: findings.json (sha256 "), problems.get(0));
  }

  @Test
  void addedAndRemovedFilesAreNamed() throws Exception {
    Files.writeString(bundle.folder().resolve("snapshot/extra.jsonl"), "{}\n");
    Files.delete(bundle.folder().resolve("rules/pack.yaml"));
    assertEquals(List.of(
        "removed: rules/pack.yaml (listed in the manifest, missing from the bundle)",
        "added: snapshot/extra.jsonl (not listed in the manifest)"), problems(bundle.folder()));
  }

  @Test
  void aBundleResignedWithAnotherKeyFailsAgainstTheTrustedKey() throws Exception {
    // A full forgery: change the findings, rehash everything, sign with the forger's key.
    Files.writeString(bundle.folder().resolve("findings.json"), "{}\n");
    KeyPair forger = SigningKeys.generate();
    Files.writeString(bundle.folder().resolve(Manifest.PUBLIC_KEY_FILE), SigningKeys.publicPem(forger.getPublic()));
    Files.delete(bundle.folder().resolve(Manifest.FILE_NAME));
    Files.delete(bundle.folder().resolve(Manifest.SIGNATURE_FILE));
    Manifest old = bundle.manifest();
    Manifest forged = new Manifest(old.schemaVersion(), old.name(), old.createdAt(), old.tool(), old.rulePack(),
        old.scope(), old.period(), old.commandLine(), old.reproduce(),
        new Manifest.SignatureInfo("Ed25519", Manifest.PUBLIC_KEY_FILE, SigningKeys.fingerprint(forger.getPublic())),
        BundleWriter.hashAll(bundle.folder()));
    Files.write(bundle.folder().resolve(Manifest.FILE_NAME), forged.toBytes());
    Files.writeString(bundle.folder().resolve(Manifest.SIGNATURE_FILE),
        Base64.getEncoder().encodeToString(SigningKeys.sign(forger.getPrivate(), forged.toBytes())));

    assertEquals(List.of("signature: made by another key: the bundle names " + SigningKeys.fingerprint(forger.getPublic())
        + ", the trusted key is " + SigningKeys.fingerprint(key.getPublic())), problems(bundle.folder()));
    assertTrue(verifier.verify(bundle.folder(), null, false).intact(),
        "without a trusted key only integrity can be checked; the note says which key signed");
  }

  @Test
  void anEditedManifestBreaksTheSignature() throws Exception {
    Path manifest = bundle.folder().resolve(Manifest.FILE_NAME);
    Files.writeString(manifest, Files.readString(manifest).replace("2025-Q1", "2025-Q2"));
    List<String> problems = problems(bundle.folder());
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("signature: bad signature: manifest.sig does not match manifest.json"),
        problems.get(0));
  }

  @Test
  void anUnsignedBundleFailsUnlessAllowed() throws Exception {
    BundleWriter.Written unsigned = TestBundles.write(dir.resolve("pack"), dir.resolve("unsigned"), null);
    BundleVerifier.Verification strict = verifier.verify(unsigned.zip(), null, false);
    assertEquals(List.of("unsigned: the bundle carries no signature (manifest.sig); pass --allow-unsigned to check "
        + "only the hashes"), strict.problems());
    BundleVerifier.Verification allowed = verifier.verify(unsigned.zip(), null, true);
    assertTrue(allowed.intact());
    assertTrue(allowed.notes().get(0).startsWith("unsigned:"), allowed.notes().toString());
    Files.delete(bundle.folder().resolve(Manifest.SIGNATURE_FILE));
    assertEquals(List.of("removed: manifest.sig (the manifest says the bundle is signed by "
        + SigningKeys.fingerprint(key.getPublic()) + ")"), problems(bundle.folder()));
  }

  @Test
  void aTruncatedZipIsCorrupt() throws Exception {
    byte[] zip = Files.readAllBytes(bundle.zip());
    Path truncated = Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(zip, zip.length - 30));
    List<String> problems = problems(truncated);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("corrupt: truncated.zip is truncated or not a zip file"), problems.get(0));
  }

  @Test
  void aChangedByteInsideTheZipIsNamed() throws Exception {
    Path rebuilt = rezip("tampered.zip", (name, bytes) -> name.endsWith("/findings.json")
        ? new String(bytes, StandardCharsets.UTF_8).replace("\"FAIL\"", "\"PASS\"").getBytes(StandardCharsets.UTF_8)
        : bytes, List.of());
    List<String> problems = problems(rebuilt);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("changed: findings.json"), problems.get(0));
  }

  @Test
  void zipEntriesEscapingTheFolderAreRejected() throws Exception {
    String top = bundle.manifest().name();
    Path evil = rezip("evil.zip", (name, bytes) -> bytes, List.of(top + "/../../etc/cron.d/evil", "/abs/path"));
    assertEquals(List.of(
        "unsafe: zip entry '" + top + "/../../etc/cron.d/evil' escapes the bundle folder (absolute path, '..' or '\\'); "
            + "the zip is rejected",
        "unsafe: zip entry '/abs/path' escapes the bundle folder (absolute path, '..' or '\\'); the zip is rejected"),
        problems(evil));
    assertTrue(Files.notExists(dir.resolve("etc")), "nothing is extracted");
  }

  @Test
  void aCorruptManifestIsReported() throws Exception {
    Files.writeString(bundle.folder().resolve(Manifest.FILE_NAME), "{\"files\": [");
    List<String> problems = problems(bundle.folder());
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("corrupt: manifest.json is not a valid manifest (line 1"), problems.get(0));
  }

  /** Copies the bundle's zip, transforming entries and appending extra ones. */
  private Path rezip(String name, java.util.function.BiFunction<String, byte[], byte[]> transform, List<String> extra)
      throws Exception {
    Path target = dir.resolve(name);
    try (ZipFile source = new ZipFile(bundle.zip().toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      List<ZipEntry> entries = new ArrayList<>(java.util.Collections.list(source.entries()));
      for (ZipEntry entry : entries) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(transform.apply(entry.getName(), source.getInputStream(entry).readAllBytes()));
        out.closeEntry();
      }
      for (String entry : extra) {
        out.putNextEntry(new ZipEntry(entry));
        out.write("synthetic".getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return target;
  }
}
