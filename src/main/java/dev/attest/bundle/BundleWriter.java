package dev.attest.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.attest.assessment.Summary;
import dev.attest.report.ReportWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an evidence bundle: {@code OUT/<scope>-<UTC time>/} with every report, the redacted
 * snapshot, the rule pack and catalog, the scan settings and {@code manifest.json} (signed when a
 * key is given), and a zip of that folder beside it. The folder is assembled under a
 * {@code .partial} name and moved into place, so a crash never leaves a half bundle that looks whole.
 */
public final class BundleWriter {
  public static final String SNAPSHOT_DIR = "snapshot";
  public static final String RULES_DIR = "rules";
  public static final String CONFIG_FILE = "scan-config.yaml";
  public static final String INPUTS_DIR = "inputs";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final Redactor redactor;
  private final ObjectMapper json;

  public BundleWriter(Clock clock, Redactor redactor, ObjectMapper json) {
    this.clock = clock;
    this.redactor = redactor;
    this.json = json;
  }

  /** Where the bundle went, and whether and by which key it was signed. */
  public record Written(Path folder, Path zip, Manifest manifest) {
    public boolean signed() {
      return manifest.signature() != null;
    }
  }

  public Written write(BundleRequest request, Path outDir) throws IOException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Files.createDirectories(outDir);
    String scope = ScopeNames.safe(request.scopeName());
    String name = reserve(outDir, scope + "-" + STAMP.format(now));
    Path partial = outDir.resolve("." + name + ".partial");
    try {
      return assemble(request, outDir, name, partial, now, scope);
    } catch (IOException | RuntimeException e) {
      // Only our own reservation: another writer's .partial is never touched.
      deleteTree(partial);
      throw e;
    }
  }

  private Written assemble(BundleRequest request, Path outDir, String name, Path partial, Instant now, String scope)
      throws IOException {
    for (ReportWriter writer : request.writers()) {
      writer.write(request.assessment(), partial);
    }
    if (request.snapshot() != null) {
      new BundleSnapshot(json).write(partial.resolve(SNAPSHOT_DIR), request.snapshot().objects(),
          request.snapshot().provenance(), redactor);
    }
    copyTree(request.pack().root(), partial.resolve(RULES_DIR));
    StringBuilder reproduce = new StringBuilder("attest scan --snapshot " + SNAPSHOT_DIR + " --rules " + RULES_DIR
        + " --config " + CONFIG_FILE);
    for (BundleRequest.Input input : request.inputs()) {
      String value = input.value();
      if (input.file() != null || input.contents() != null) {
        String dir = INPUTS_DIR + "/" + input.option().replaceFirst("^-+", "");
        value = dir + "/" + (input.file() != null ? input.file().getFileName().toString() : input.contentName());
        Files.createDirectories(partial.resolve(dir));
        if (input.file() != null) {
          Files.copy(input.file(), partial.resolve(value));
        } else {
          for (var content : input.contents().entrySet()) {
            Files.write(partial.resolve(dir).resolve(content.getKey()), content.getValue());
          }
        }
        for (String companion : input.companions()) {
          // Evidence files keep their path relative to the register, so the copied register still names them.
          Path target = partial.resolve(dir).resolve(companion).normalize();
          if (!target.startsWith(partial.resolve(dir))) {
            throw new IOException(companion + " is outside the folder of " + input.file());
          }
          Files.createDirectories(target.getParent());
          Files.copy(input.file().toAbsolutePath().getParent().resolve(companion), target,
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
      reproduce.append(' ').append(input.option());
      if (value != null) {
        reproduce.append(' ').append(value);
      }
    }
    writeConfig(request.config(), partial.resolve(CONFIG_FILE));
    Manifest.SignatureInfo signature = null;
    if (request.signingKey() != null) {
      Files.writeString(partial.resolve(Manifest.PUBLIC_KEY_FILE), SigningKeys.publicPem(request.signingKey().getPublic()),
          StandardCharsets.US_ASCII);
      signature = new Manifest.SignatureInfo(SigningKeys.ALGORITHM, Manifest.PUBLIC_KEY_FILE,
          SigningKeys.fingerprint(request.signingKey().getPublic()));
    }

    Summary summary = request.assessment().summary();
    Manifest manifest = new Manifest(Manifest.SCHEMA_VERSION, name, DateTimeFormatter.ISO_INSTANT.format(now),
        summary.tool(), summary.rulePack(),
        new Manifest.Scope(scope, summary.scope().subscriptions(), summary.scope().sources(),
            summary.scope().objects()),
        request.period(), request.commandLine(),
        request.snapshot() == null ? null : reproduce.toString(),
        signature, hashAll(partial));
    byte[] manifestBytes = manifest.toBytes();
    Files.write(partial.resolve(Manifest.FILE_NAME), manifestBytes);
    if (request.signingKey() != null) {
      byte[] sig = SigningKeys.sign(request.signingKey().getPrivate(), manifestBytes);
      Files.writeString(partial.resolve(Manifest.SIGNATURE_FILE), Base64.getEncoder().encodeToString(sig) + "\n",
          StandardCharsets.US_ASCII);
    }

    Path folder = outDir.resolve(name);
    Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
    Path zip = outDir.resolve(name + ".zip");
    Path zipPartial = outDir.resolve("." + name + ".zip.partial");
    zip(folder, name, LocalDateTime.ofInstant(now, ZoneOffset.UTC), zipPartial);
    Files.move(zipPartial, zip, StandardCopyOption.ATOMIC_MOVE);
    return new Written(folder, zip, manifest);
  }

  /** The effective settings in {@code attest scan --config} form, keys sorted. */
  private static void writeConfig(BundleRequest.ScanConfig config, Path file) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode root = yaml.createObjectNode();
    root.put("failOn", config.failOn());
    root.set("failOnControls", yaml.valueToTree(config.failOnControls()));
    if (config.parameters() != null) {
      ObjectNode parameters = root.putObject("parameters");
      new TreeMap<>(config.parameters()).forEach((rule, values) -> parameters.set(rule,
          yaml.valueToTree(new TreeMap<>(values))));
    }
    yaml.writeValue(file.toFile(), root);
  }

  /** Every file under the folder with size and SHA-256, sorted by relative path. */
  static List<Manifest.FileEntry> hashAll(Path folder) throws IOException {
    List<Manifest.FileEntry> entries = new ArrayList<>();
    for (Path file : files(folder)) {
      entries.add(new Manifest.FileEntry(relative(folder, file), Files.size(file), sha256(file)));
    }
    return entries;
  }

  /** Regular files under a folder, sorted by their "/"-separated relative path. */
  static List<Path> files(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> relative(folder, p))).toList();
    }
  }

  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return sha256(in);
    }
  }

  static String sha256(InputStream in) throws IOException {
    MessageDigest digest = digest();
    try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
      digesting.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies a folder that may live in another file system (the rule pack inside the jar). */
  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        Path to = target.resolve(relative(source, file));
        Files.createDirectories(to.getParent());
        Files.copy(file, to);
      }
    }
  }

  /**
   * Zips the folder as entries under {@code name/}, in path order with one fixed time (the
   * bundle's creation time), so the same folder always gives the same zip.
   */
  private static void zip(Path folder, String name, LocalDateTime time, Path target) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
      for (Path file : files(folder)) {
        ZipEntry entry = new ZipEntry(name + "/" + relative(folder, file));
        entry.setTimeLocal(time);
        zip.putNextEntry(entry);
        Files.copy(file, zip);
        zip.closeEntry();
      }
    }
  }

  /**
   * The name, or name-2, name-3 … when a bundle of that name exists or is being written (two in
   * one second, in this process or another): a name is taken by creating its {@code .partial}
   * folder, which only one writer can do, so two writers never share (or delete) one folder. A
   * {@code .partial} left by an interrupted run keeps its name taken; delete it by hand.
   */
  static String reserve(Path outDir, String name) throws IOException {
    for (int i = 1; ; i++) {
      String candidate = i == 1 ? name : name + "-" + i;
      if (Files.exists(outDir.resolve(candidate)) || Files.exists(outDir.resolve(candidate + ".zip"))) {
        continue;
      }
      Path partial = outDir.resolve("." + candidate + ".partial");
      try {
        Files.createDirectory(partial);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        continue;
      }
      // A writer of this name may have finished (moved its .partial into place) since the check above.
      if (Files.exists(outDir.resolve(candidate))) {
        Files.delete(partial);
        continue;
      }
      return candidate;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
