package dev.attest.attestations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attest.controls.Control;
import dev.attest.controls.ControlCatalog;
import dev.attest.registers.RegisterFile;
import dev.attest.rules.LocatedYaml;
import dev.attest.rules.RuleProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The attestation register ({@code --attestations FILE}): validated against the control catalog,
 * evidence files resolved beside the register and hashed, every problem located.
 */
public record AttestationRegister(Path file, List<Attestation> attestations, List<RuleProblem> problems) {
  private static final Set<String> KEYS = Set.of("id", "controls", "statement", "owner", "date", "expires",
      "decision", "alternative", "rationale", "evidence");
  private static final Set<String> EVIDENCE_KEYS = Set.of("title", "link", "file");

  public AttestationRegister {
    attestations = List.copyOf(attestations);
    problems = List.copyOf(problems);
  }

  /** Evidence files, resolved against the register's folder, in register order. */
  public List<Path> evidenceFiles() {
    Path base = file.toAbsolutePath().getParent();
    return attestations.stream().flatMap(a -> a.evidence().stream())
        .filter(e -> e.file() != null).map(e -> base.resolve(e.file()).normalize()).distinct().toList();
  }

  public static AttestationRegister read(Path file, ControlCatalog catalog) {
    RegisterFile register = RegisterFile.read(file, "attestations", KEYS);
    Path base = file.toAbsolutePath().getParent();
    List<Attestation> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (RegisterFile.Entry entry : register.entries()) {
      String id = entry.text("id", true);
      if (id != null && !ids.add(Attestation.lower(id))) {
        entry.problem("id", "duplicate attestation id '" + id + "'");
      }
      List<String> controls = new ArrayList<>();
      List<Control> resolved = new ArrayList<>();
      List<String> given = entry.texts("controls");
      if (given.isEmpty()) {
        entry.problem(null, "missing required 'controls' (catalog ids such as hipaa:164.308(a)(1)(ii)(A))");
      }
      for (int i = 0; i < given.size(); i++) {
        var control = catalog.find(given.get(i));
        if (control.isEmpty()) {
          entry.problemAt(LocatedYaml.child(entry.at("controls"), i), "unknown control '" + given.get(i)
              + "' (see `attest controls`)");
        } else {
          controls.add(control.get().id());
          resolved.add(control.get());
        }
      }
      String statement = entry.text("statement", true);
      String owner = entry.text("owner", true);
      LocalDate date = entry.date("date", true);
      LocalDate expires = entry.date("expires", false);
      if (date != null && expires != null && expires.isBefore(date)) {
        entry.problem("expires", "expires " + expires + " is before the attestation date " + date);
      }
      Attestation.Decision decision = null;
      String decisionText = entry.text("decision", false);
      if (decisionText != null) {
        decision = Attestation.Decision.parse(decisionText).orElse(null);
        if (decision == null) {
          entry.problem("decision", "decision must be implemented, alternative or not-reasonable, not '" + decisionText + "'");
        } else if (resolved.stream().noneMatch(c -> "Addressable".equals(c.designation()))) {
          entry.problem("decision", "a decision applies to Addressable implementation specifications; none of "
              + String.join(", ", controls) + " is Addressable");
        }
      }
      String alternative = entry.text("alternative", decision == Attestation.Decision.ALTERNATIVE);
      String rationale = entry.text("rationale", decision == Attestation.Decision.NOT_REASONABLE);
      List<Attestation.EvidenceItem> evidence = new ArrayList<>();
      List<JsonNode> items = entry.mappings("evidence");
      for (int i = 0; i < items.size(); i++) {
        String at = LocatedYaml.child(entry.at("evidence"), i);
        evidence.add(evidenceItem(items.get(i), at, base, entry));
      }
      if (id != null && !controls.isEmpty() && statement != null && owner != null && date != null) {
        out.add(new Attestation(id, controls, statement, owner, date, expires, decision, alternative, rationale,
            evidence.stream().filter(java.util.Objects::nonNull).toList()));
      }
    }
    return new AttestationRegister(file, out, register.problems());
  }

  private static Attestation.EvidenceItem evidenceItem(JsonNode node, String at, Path base, RegisterFile.Entry entry) {
    if (!node.isObject()) {
      entry.problemAt(at, "an evidence item is a mapping with 'link' or 'file' (and an optional 'title')");
      return null;
    }
    for (var it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!EVIDENCE_KEYS.contains(key)) {
        entry.problemAt(LocatedYaml.child(at, key), "unknown key '" + key + "' (known: file, link, title)");
      }
    }
    String title = node.hasNonNull("title") ? node.get("title").asText() : null;
    String link = node.hasNonNull("link") ? node.get("link").asText() : null;
    String file = node.hasNonNull("file") ? node.get("file").asText() : null;
    if ((link == null) == (file == null)) {
      entry.problemAt(at, "an evidence item has exactly one of 'link' or 'file'");
      return null;
    }
    if (link != null) {
      if (!link.matches("(?i)https?://\\S+")) {
        entry.problemAt(LocatedYaml.child(at, "link"), "link must be an http(s) URL");
        return null;
      }
      return new Attestation.EvidenceItem(title, link, null, null, null);
    }
    Path path = base.resolve(file).normalize();
    if (!path.startsWith(base)) {
      entry.problemAt(LocatedYaml.child(at, "file"), "evidence file '" + file + "' is outside the register's folder");
      return null;
    }
    if (!Files.isRegularFile(path)) {
      entry.problemAt(LocatedYaml.child(at, "file"), "evidence file '" + file + "' does not exist (resolved to " + path + ")");
      return null;
    }
    try {
      return new Attestation.EvidenceItem(title, null, file, sha256(path), Files.size(path));
    } catch (IOException e) {
      entry.problemAt(LocatedYaml.child(at, "file"), "evidence file '" + file + "' cannot be read: " + e.getMessage());
      return null;
    }
  }

  static String sha256(Path path) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(path), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
