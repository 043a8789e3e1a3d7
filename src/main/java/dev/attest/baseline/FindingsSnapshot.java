package dev.attest.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.ControlResult;
import dev.attest.assessment.Summary;
import dev.attest.engine.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * What a comparison needs from one assessment: each finding's status by id, each control's
 * status, and each waiver's state — read from a findings.json, a bundle folder or a bundle zip,
 * or taken from the assessment in hand.
 */
public record FindingsSnapshot(String source, Map<String, Entry> findings, Map<String, String> controls,
    Map<String, String> waivers, byte[] raw, Origin origin) {

  /** A snapshot whose origin is not known (only its source description). */
  public FindingsSnapshot(String source, Map<String, Entry> findings, Map<String, String> controls,
      Map<String, String> waivers, byte[] raw) {
    this(source, findings, controls, waivers, raw, null);
  }

  /** One finding, reduced to what a comparison shows. */
  public record Entry(String id, String ruleId, String resourceId, String status, String severity, String title) {}

  /**
   * What the assessment was, for a reader of the comparison: its name (the bundle's name from its
   * manifest, or the findings file's own name: never a path, which would differ when a bundle's
   * copy is re-used and break byte-identical re-runs), {@code kind} ({@code bundle} when its
   * manifest's hashes were checked, else {@code findings}), the tool and rule pack that produced it
   * (from its summary, when it has one) and, for a bundle, when it was made, the period it covers
   * and the fingerprint of the key whose signature was checked.
   */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record Origin(String name, String kind, Summary.Tool tool, Summary.RulePackInfo rulePack, String createdAt,
      String period, String signedBy) {
    public static final String BUNDLE = "bundle";
    public static final String FINDINGS = "findings";

    /** The same origin, as a checked bundle with its manifest's name, time, period and signer. */
    public Origin asBundle(String bundleName, String created, String coveredPeriod, String signer) {
      return new Origin(bundleName, BUNDLE, tool, rulePack, created, coveredPeriod, signer);
    }
  }

  /** The same snapshot with another origin. */
  public FindingsSnapshot withOrigin(Origin newOrigin) {
    return new FindingsSnapshot(source, findings, controls, waivers, raw, newOrigin);
  }

  /**
   * What identifies the baseline in a comparison: the SHA-256 of the findings file it was read
   * from (a path would differ when the bundle's copy is re-used, breaking byte-identical re-runs).
   */
  public String identity() {
    if (raw == null) {
      return source;
    }
    try {
      return "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static final String FINDINGS_KIND = Origin.FINDINGS;

  /** Thrown with the one line users see when a baseline cannot be read. */
  public static final class Unreadable extends Exception {
    public Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  public static FindingsSnapshot of(String source, Assessment assessment) {
    Map<String, Entry> findings = new LinkedHashMap<>();
    for (Finding f : assessment.findings()) {
      findings.put(f.id(), new Entry(f.id(), f.ruleId(), f.resourceId(), f.status().name(), f.severity(), f.title()));
    }
    Map<String, String> controls = new LinkedHashMap<>();
    for (ControlResult c : assessment.controls()) {
      controls.put(c.id(), c.status().label());
    }
    Map<String, String> waivers = new LinkedHashMap<>();
    assessment.waivers().forEach(w -> waivers.put(w.waiver().id(), w.state().label()));
    Summary summary = assessment.summary();
    return new FindingsSnapshot(source, findings, controls, waivers, null, summary == null ? null
        : new Origin(source, FINDINGS_KIND, summary.tool(), summary.rulePack(), null, null, null));
  }

  /** Reads findings.json, a folder holding one (a bundle), or a bundle's zip. */
  public static FindingsSnapshot read(Path path) throws Unreadable {
    if (Files.isDirectory(path)) {
      try (Stream<Path> walk = Files.walk(path, 3)) {
        List<Path> found = walk.filter(p -> p.getFileName().toString().equals("findings.json")).sorted().toList();
        if (found.isEmpty()) {
          throw new Unreadable(path + ": no findings.json in this folder");
        }
        // Named by its file, as when a bundle copies it into inputs/baseline/ (see Origin).
        return read(found.get(0));
      } catch (IOException e) {
        throw new Unreadable(path + ": cannot be read: " + e.getMessage());
      }
    }
    if (!Files.isRegularFile(path)) {
      throw new Unreadable(path + ": no such file");
    }
    if (path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
      return readZip(path);
    }
    try (InputStream in = Files.newInputStream(path)) {
      return parse(path.toString(), in);
    } catch (IOException e) {
      throw new Unreadable(path + ": cannot be read: " + e.getMessage());
    }
  }

  private static FindingsSnapshot readZip(Path zip) throws Unreadable {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      ZipEntry best = null;
      for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        String name = entry.getName();
        if ((name.equals("findings.json") || name.endsWith("/findings.json"))
            && (best == null || name.length() < best.getName().length())) {
          best = entry;
        }
      }
      if (best == null) {
        throw new Unreadable(zip + ": no findings.json in this zip");
      }
      try (InputStream in = file.getInputStream(best)) {
        return parse(zip + "!/" + best.getName(), in);
      }
    } catch (ZipException e) {
      throw new Unreadable(zip + ": not a readable zip (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new Unreadable(zip + ": cannot be read: " + e.getMessage());
    }
  }

  /** A part of the summary that says what produced the baseline, or null when it is not of that shape. */
  private static <T> T part(JsonNode node, Class<T> type) {
    try {
      return new ObjectMapper().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .convertValue(node, type);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static FindingsSnapshot parse(String source, InputStream in) throws Unreadable {
    JsonNode root;
    byte[] raw;
    try {
      raw = in.readAllBytes();
      root = new ObjectMapper().readTree(raw);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new Unreadable(source + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
          + ": not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Unreadable(source + ": cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject() || !root.path("findings").isArray() || !root.has("schemaVersion")) {
      throw new Unreadable(source + ": not an Attest findings file (expected schemaVersion and a findings list)");
    }
    if (root.get("schemaVersion").asInt() != 1) {
      throw new Unreadable(source + ": findings schemaVersion " + root.get("schemaVersion").asText()
          + " is not supported (this version reads 1)");
    }
    Map<String, Entry> findings = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    int index = 0;
    for (JsonNode f : root.get("findings")) {
      if (!f.hasNonNull("id") || !f.hasNonNull("status")) {
        missing.add("findings[" + index + "]");
      } else {
        findings.put(f.get("id").asText(), new Entry(f.get("id").asText(), f.path("ruleId").asText(),
            f.path("resourceId").asText(), f.get("status").asText(), f.path("severity").asText(),
            f.path("title").asText()));
      }
      index++;
    }
    if (!missing.isEmpty()) {
      throw new Unreadable(source + ": " + missing.get(0) + " has no id or status");
    }
    Map<String, String> controls = new LinkedHashMap<>();
    root.path("controls").forEach(c -> controls.put(c.path("id").asText(), c.path("status").asText()));
    Map<String, String> waivers = new LinkedHashMap<>();
    root.path("waivers").forEach(w -> waivers.put(w.path("waiver").path("id").asText(), w.path("state").asText()));
    String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf(java.io.File.separatorChar)) + 1);
    JsonNode summary = root.path("summary");
    Summary.Tool tool = summary.has("tool") ? part(summary.get("tool"), Summary.Tool.class) : null;
    Summary.RulePackInfo pack = summary.has("rulePack") ? part(summary.get("rulePack"), Summary.RulePackInfo.class) : null;
    return new FindingsSnapshot(source, findings, controls, waivers, raw,
        new Origin(name, FINDINGS_KIND, tool, pack, null, null, null));
  }
}
