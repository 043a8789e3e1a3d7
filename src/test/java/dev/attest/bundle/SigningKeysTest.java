package dev.attest.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {
  @TempDir
  Path dir;

  @Test
  void thePrivateKeyFileIsReadableByItsOwnerOnly() throws Exception {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    SigningKeys.write(SigningKeys.generate(), dir);
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(dir.resolve(SigningKeys.PRIVATE_KEY_FILE)));
    assertTrue(Files.getPosixFilePermissions(dir.resolve(SigningKeys.PUBLIC_KEY_FILE))
        .contains(PosixFilePermission.OWNER_READ));
  }

  @Test
  void keyFilesAreStandardPemAndReadBackToTheSamePair() throws Exception {
    KeyPair pair = SigningKeys.generate();
    SigningKeys.write(pair, dir);
    String privatePem = Files.readString(dir.resolve(SigningKeys.PRIVATE_KEY_FILE));
    String publicPem = Files.readString(dir.resolve(SigningKeys.PUBLIC_KEY_FILE));
    assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"), privatePem);
    assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\n"), publicPem);

    KeyPair read = SigningKeys.readPrivate(dir.resolve(SigningKeys.PRIVATE_KEY_FILE));
    assertArrayEquals(pair.getPrivate().getEncoded(), read.getPrivate().getEncoded());
    assertArrayEquals(pair.getPublic().getEncoded(), read.getPublic().getEncoded(),
        "the public key derived from the private key file is the generated one");
    PublicKey pub = SigningKeys.readPublic(dir.resolve(SigningKeys.PUBLIC_KEY_FILE));
    byte[] data = "manifest".getBytes(StandardCharsets.UTF_8);
    byte[] signature = SigningKeys.sign(read.getPrivate(), data);
    assertTrue(SigningKeys.verify(pub, data, signature));
    assertFalse(SigningKeys.verify(pub, "manifest!".getBytes(StandardCharsets.UTF_8), signature));
    assertFalse(SigningKeys.verify(SigningKeys.generate().getPublic(), data, signature));
  }

  @Test
  void theFingerprintIsTheSha256OfThePublicKeyDer() throws Exception {
    KeyPair pair = SigningKeys.generate();
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded()));
    assertEquals("SHA256:" + hex, SigningKeys.fingerprint(pair.getPublic()));
  }

  @Test
  void existingKeysAreNeverOverwritten() throws Exception {
    SigningKeys.write(SigningKeys.generate(), dir);
    String before = Files.readString(dir.resolve(SigningKeys.PRIVATE_KEY_FILE));
    assertThrows(FileAlreadyExistsException.class, () -> SigningKeys.write(SigningKeys.generate(), dir));
    assertEquals(before, Files.readString(dir.resolve(SigningKeys.PRIVATE_KEY_FILE)));
  }

  @Test
  void aPrivateKeyThatGroupOrOthersCanReadIsRefusedLikeSshDoes() throws Exception {
    SigningKeys.write(SigningKeys.generate(), dir);
    Path key = dir.resolve(SigningKeys.PRIVATE_KEY_FILE);
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    for (String open : List.of("rw-r-----", "rw----r--", "rw-rw----", "rw-----w-")) {
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(open));
      SigningKeys.KeyProblem problem = assertThrows(SigningKeys.KeyProblem.class, () -> SigningKeys.readPrivate(key));
      assertEquals(key + ": the private key is accessible to others (permissions " + open + "); a signing key must "
          + "be readable by its owner only: chmod 600 " + key, problem.getMessage());
    }
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
    SigningKeys.readPrivate(key);
  }

  @Test
  void unreadableKeysAreOneLineProblems() throws Exception {
    Path notAKey = Files.writeString(dir.resolve("x.key"), "hello");
    SigningKeys.KeyProblem missingBlock = assertThrows(SigningKeys.KeyProblem.class, () -> SigningKeys.readPrivate(notAKey));
    assertEquals(notAKey + ": no '-----BEGIN PRIVATE KEY-----' block", missingBlock.getMessage());
    SigningKeys.KeyProblem missing = assertThrows(SigningKeys.KeyProblem.class,
        () -> SigningKeys.readPrivate(dir.resolve("absent.key")));
    assertTrue(missing.getMessage().startsWith(dir.resolve("absent.key") + ": cannot be read"), missing.getMessage());
  }
}
