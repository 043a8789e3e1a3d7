package dev.attest.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys for signing bundles, on the JDK's own provider: generation, PEM files (PKCS#8 for
 * the private key, X.509 SubjectPublicKeyInfo for the public key, as OpenSSL writes them),
 * signatures, and fingerprints ({@code SHA256:} and the lower-case hex SHA-256 of the public key's
 * DER encoding, which {@code openssl pkey -pubin -outform DER | sha256sum} reproduces).
 */
public final class SigningKeys {
  public static final String ALGORITHM = "Ed25519";
  public static final String PRIVATE_KEY_FILE = "attest-signing.key";
  public static final String PUBLIC_KEY_FILE = "attest-signing.pub";

  private SigningKeys() {}

  /** A key that cannot be read: the file and what is wrong, as one line. */
  public static final class KeyProblem extends Exception {
    public KeyProblem(String message) {
      super(message, null, false, false);
    }
  }

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519 provider", e);
    }
  }

  /**
   * Writes {@value #PRIVATE_KEY_FILE} (created owner-read/write only where the file system has
   * POSIX permissions, so it is never readable by others, not even for a moment) and
   * {@value #PUBLIC_KEY_FILE}; refuses to overwrite either.
   */
  public static void write(KeyPair pair, Path folder) throws IOException {
    Files.createDirectories(folder);
    Path privateFile = folder.resolve(PRIVATE_KEY_FILE);
    Path publicFile = folder.resolve(PUBLIC_KEY_FILE);
    for (Path file : new Path[] {privateFile, publicFile}) {
      if (Files.exists(file)) {
        throw new FileAlreadyExistsException(file.toString(), null, "already exists; not overwritten");
      }
    }
    byte[] privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII);
    if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(privateFile);
      // Without POSIX permissions, take away what java.io.File can: read and write for others.
      privateFile.toFile().setReadable(false, false);
      privateFile.toFile().setWritable(false, false);
      privateFile.toFile().setReadable(true, true);
      privateFile.toFile().setWritable(true, true);
    }
    Files.write(privateFile, privatePem);
    Files.writeString(publicFile, publicPem(pair.getPublic()), StandardCharsets.US_ASCII);
  }

  public static String publicPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  /** Reads a PKCS#8 PEM private key and derives its public key. */
  public static KeyPair readPrivate(Path file) throws KeyProblem {
    byte[] der = readPem(file, "PRIVATE KEY");
    PrivateKey key;
    try {
      key = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new KeyProblem(file + ": not an Ed25519 private key (PKCS#8 PEM, as attest keygen writes)");
    }
    requireOwnerOnly(file);
    return new KeyPair(derivePublic((EdECPrivateKey) key, file), key);
  }

  /**
   * Refuses a private key that group or others may read or write, as ssh does: whoever can read it
   * can sign bundles in the owner's name, so such a key is no longer evidence of who signed. Only
   * where the file system has POSIX permissions (elsewhere there is nothing to check).
   */
  static void requireOwnerOnly(Path file) throws KeyProblem {
    java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions;
    try {
      if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        return;
      }
      permissions = Files.getPosixFilePermissions(file);
    } catch (IOException | UnsupportedOperationException e) {
      return;
    }
    java.util.Set<java.nio.file.attribute.PosixFilePermission> others = java.util.EnumSet.noneOf(
        java.nio.file.attribute.PosixFilePermission.class);
    for (var permission : permissions) {
      if (permission.name().startsWith("GROUP_") || permission.name().startsWith("OTHERS_")) {
        others.add(permission);
      }
    }
    if (!others.isEmpty()) {
      throw new KeyProblem(file + ": the private key is accessible to others (permissions "
          + PosixFilePermissions.toString(permissions) + "); a signing key must be readable by its owner only: "
          + "chmod 600 " + file);
    }
  }

  /** Reads an X.509 SubjectPublicKeyInfo PEM public key. */
  public static PublicKey readPublic(Path file) throws KeyProblem {
    return publicFromPem(readText(file), file.toString());
  }

  /** Parses a public key PEM; {@code name} is how errors refer to it. */
  public static PublicKey publicFromPem(String text, String name) throws KeyProblem {
    byte[] der = decodePem(text, "PUBLIC KEY", name);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new KeyProblem(name + ": not an Ed25519 public key (X.509 SubjectPublicKeyInfo PEM)");
    }
  }

  /** {@code SHA256:<hex>} of the public key's DER encoding. */
  public static String fingerprint(PublicKey key) {
    try {
      return "SHA256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] sign(PrivateKey key, byte[] data) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(key);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** Whether the signature over the data verifies under the key (a malformed signature is false). */
  public static boolean verify(PublicKey key, byte[] data, byte[] signatureBytes) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initVerify(key);
      signature.update(data);
      return signature.verify(signatureBytes);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The JDK has no API to derive an Ed25519 public key from a private one, but its key-pair
   * generator takes the 32 private-key bytes straight from the SecureRandom it is given (RFC 8032
   * 5.1.5). Feeding it the known bytes yields the matching pair; the result is checked, so a JDK
   * that ever drew its randomness differently fails loudly instead of signing with a wrong key.
   */
  private static PublicKey derivePublic(EdECPrivateKey key, Path file) throws KeyProblem {
    byte[] seed = key.getBytes().orElseThrow(() -> new KeyProblem(file + ": the private key bytes are not accessible"));
    SecureRandom replay = new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
      }
    };
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
      generator.initialize(NamedParameterSpec.ED25519, replay);
      KeyPair pair = generator.generateKeyPair();
      byte[] derived = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElse(new byte[0]);
      if (!Arrays.equals(derived, seed)) {
        throw new KeyProblem(file + ": cannot derive the public key on this JDK");
      }
      return pair.getPublic();
    } catch (GeneralSecurityException e) {
      throw new KeyProblem(file + ": cannot derive the public key: " + e.getMessage());
    }
  }

  private static byte[] readPem(Path file, String label) throws KeyProblem {
    return decodePem(readText(file), label, file.toString());
  }

  private static String readText(Path file) throws KeyProblem {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new KeyProblem(file + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
    }
  }

  private static byte[] decodePem(String text, String label, String name) throws KeyProblem {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new KeyProblem(name + ": no '" + begin + "' block");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new KeyProblem(name + ": the " + label + " block is not valid base64");
    }
  }

  private static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }
}
