package dev.attest.bundle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.attest.assessment.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code manifest.json}: what the bundle is (scope, period, tool, rule pack, command line, time),
 * which key signs it, and the size and SHA-256 of every other file in it. The signature covers its
 * exact bytes, so it is serialised one fixed way: two-space indent, "\n" line ends, fields in
 * declaration order, files sorted by path.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
    int schemaVersion,
    String name,
    String createdAt,
    Summary.Tool tool,
    Summary.RulePackInfo rulePack,
    Scope scope,
    String period,
    List<String> commandLine,
    String reproduce,
    SignatureInfo signature,
    List<FileEntry> files) {

  public static final int SCHEMA_VERSION = 1;
  public static final String FILE_NAME = "manifest.json";
  public static final String SIGNATURE_FILE = "manifest.sig";
  public static final String PUBLIC_KEY_FILE = "signing-key.pub";

  public Manifest {
    commandLine = commandLine == null ? List.of() : List.copyOf(commandLine);
    files = files == null ? List.of() : List.copyOf(files);
  }

  /** What was assessed: the bundle's short scope name, subscriptions, sources and object count. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Scope(String name, List<String> subscriptions, List<String> sources, int objects) {
    public Scope {
      subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
      sources = sources == null ? List.of() : List.copyOf(sources);
    }
  }

  /** The key that signs the manifest: algorithm, the public key file in the bundle, its fingerprint. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record SignatureInfo(String algorithm, String publicKey, String fingerprint) {}

  /** One file of the bundle, by its path relative to the bundle folder ("/"-separated). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record FileEntry(String path, long size, String sha256) {}

  private static ObjectMapper mapper() {
    ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return mapper;
  }

  /** The exact bytes written to manifest.json (and signed). */
  public byte[] toBytes() {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    ObjectWriter writer = mapper().writer(printer);
    try {
      return (writer.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("manifest cannot be serialised", e);
    }
  }

  /** Parses manifest.json. */
  public static Manifest parse(byte[] bytes) throws IOException {
    return mapper().readValue(bytes, Manifest.class);
  }
}
