package dev.attest.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleWriterTest {
  @TempDir
  Path dir;

  @Test
  void theBundleHoldsReportsSnapshotRulesConfigAndASignedManifest() throws Exception {
    KeyPair key = SigningKeys.generate();
    BundleWriter.Written written = TestBundles.write(TestBundles.pack(dir.resolve("pack")), dir.resolve("out"), key);
    String name = TestBundles.SUB + "-20250331T235958Z";
    assertEquals(dir.resolve("out").resolve(name), written.folder());
    assertEquals(dir.resolve("out").resolve(name + ".zip"), written.zip());

    Manifest manifest = Manifest.parse(Files.readAllBytes(written.folder().resolve(Manifest.FILE_NAME)));
    assertEquals(name, manifest.name());
    assertEquals("2025-03-31T23:59:58Z", manifest.createdAt());
    assertEquals("2025-Q1", manifest.period());
    assertEquals("test-pack", manifest.rulePack().name());
    assertEquals(64, manifest.rulePack().sha256().length());
    assertEquals(TestBundles.SUB, manifest.scope().name());
    assertEquals(List.of("test tenant"), manifest.scope().sources());
    assertEquals("attest scan --snapshot snapshot --rules rules --config scan-config.yaml", manifest.reproduce());
    assertEquals(SigningKeys.fingerprint(key.getPublic()), manifest.signature().fingerprint());
    List<String> paths = manifest.files().stream().map(Manifest.FileEntry::path).toList();
    assertEquals(List.of("controls/hipaa.yaml", "pack.yaml", "t/AZ-TST-0001.fixtures.yaml", "t/AZ-TST-0001.yaml"),
        paths.stream().filter(p -> p.startsWith("rules/")).map(p -> p.substring(6)).toList());
    for (String expected : List.of("findings.json", "scan-config.yaml", "signing-key.pub", "snapshot/objects.jsonl",
        "snapshot/provenance.yaml")) {
      assertTrue(paths.contains(expected), expected + " in " + paths);
    }
    assertFalse(paths.contains(Manifest.FILE_NAME));
    assertEquals(paths.stream().sorted().toList(), paths, "files sorted by path");
    Manifest.FileEntry findings = manifest.files().get(paths.indexOf("findings.json"));
    assertEquals(BundleWriter.sha256(written.folder().resolve("findings.json")), findings.sha256());
    assertEquals(Files.size(written.folder().resolve("findings.json")), findings.size());

    byte[] signature = Base64.getMimeDecoder().decode(Files.readString(written.folder().resolve(Manifest.SIGNATURE_FILE)).strip());
    assertTrue(SigningKeys.verify(key.getPublic(), Files.readAllBytes(written.folder().resolve(Manifest.FILE_NAME)),
        signature), "manifest.sig signs the exact manifest bytes");
    assertEquals("failOn: \"high\"\nfailOnControls: []\nparameters: {}\n",
        Files.readString(written.folder().resolve("scan-config.yaml")).replaceFirst("^---\n", ""));

    try (ZipFile zip = new ZipFile(written.zip().toFile())) {
      List<String> entries = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
      assertEquals(paths.size() + 2, entries.size(), entries.toString());
      assertTrue(entries.stream().allMatch(e -> e.startsWith(name + "/")), entries.toString());
      assertArrayEquals(Files.readAllBytes(written.folder().resolve(Manifest.FILE_NAME)),
          zip.getInputStream(zip.getEntry(name + "/manifest.json")).readAllBytes());
    }
  }

  @Test
  void theSnapshotIsRedactedJsonLinesWithItsProvenance() throws Exception {
    BundleWriter.Written written = TestBundles.write(TestBundles.pack(dir.resolve("pack")), dir.resolve("out"), null);
    List<String> lines = Files.readAllLines(written.folder().resolve("snapshot/objects.jsonl"));
    assertEquals(2, lines.size());
    JsonNode old = new ObjectMapper().readTree(lines.get(1));
    assertEquals("old", old.get("name").asText());
    assertEquals(Redactor.REDACTED, old.get("properties").get("exportUri").asText());
    assertEquals("TLS1_0", old.get("properties").get("minimumTlsVersion").asText());
    assertTrue(Files.readString(written.folder().resolve("snapshot/provenance.yaml")).contains("- \"test tenant\""));
    assertNull(written.manifest().signature());
    assertFalse(Files.exists(written.folder().resolve(Manifest.SIGNATURE_FILE)));
  }

  @Test
  void twoBundlesInOneSecondGetDistinctNamesAndIdenticalZips() throws Exception {
    Path pack = TestBundles.pack(dir.resolve("pack"));
    BundleWriter.Written first = TestBundles.write(pack, dir.resolve("out"), null);
    BundleWriter.Written second = TestBundles.write(pack, dir.resolve("out"), null);
    assertEquals(first.folder().getFileName() + "-2", second.folder().getFileName().toString());
    try (var listing = Files.list(dir.resolve("out"))) {
      assertEquals(4, listing.count(), "two folders and two zips, no .partial left behind");
    }
    assertArrayEquals(Files.readAllBytes(first.folder().resolve("findings.json")),
        Files.readAllBytes(second.folder().resolve("findings.json")));
  }

  @Test
  void aBundleBeingWrittenUnderTheSameNameIsNeitherReusedNorDeleted() throws Exception {
    Path pack = TestBundles.pack(dir.resolve("pack"));
    String name = TestBundles.SUB + "-20250331T235958Z";
    // Another writer that started in the same second and is still assembling its bundle.
    Path theirs = Files.createDirectories(dir.resolve("out/." + name + ".partial"));
    Files.writeString(theirs.resolve("findings.json"), "half written");
    BundleWriter.Written mine = TestBundles.write(pack, dir.resolve("out"), null);
    assertEquals(name + "-2", mine.folder().getFileName().toString());
    assertEquals("half written", Files.readString(theirs.resolve("findings.json")), "the other writer's files stay");
    assertTrue(new BundleVerifier().verify(mine.zip(), null, true).intact());
  }

  @Test
  void twoWritersStartingInTheSameSecondBothWriteAnIntactBundle() throws Exception {
    Path pack = TestBundles.pack(dir.resolve("pack"));
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<BundleWriter.Written>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(pool.submit(() -> {
          start.await();
          return TestBundles.write(pack, dir.resolve("out"), null);
        }));
      }
      java.util.Set<String> names = new java.util.TreeSet<>();
      for (var run : runs) {
        BundleWriter.Written written = run.get(2, java.util.concurrent.TimeUnit.MINUTES);
        names.add(written.folder().getFileName().toString());
        assertTrue(new BundleVerifier().verify(written.folder(), null, true).intact(), written.folder().toString());
      }
      String name = TestBundles.SUB + "-20250331T235958Z";
      assertEquals(java.util.Set.of(name, name + "-2"), names);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void scopeNamesAreFileSystemSafe() {
    assertEquals("demo", ScopeNames.derive(true, List.of("a")));
    assertEquals("snapshot", ScopeNames.derive(false, List.of()));
    assertEquals("sub-1-and-2-more", ScopeNames.derive(false, List.of("sub-1", "sub-2", "sub-3")));
    assertEquals("q1-contoso-health", ScopeNames.safe("Q1 / Contoso Health"));
    assertEquals("etc-passwd", ScopeNames.safe("../etc/passwd"));
    assertEquals("bundle", ScopeNames.safe("///"));
    assertEquals(64, ScopeNames.safe("x".repeat(200)).length());
  }
}
