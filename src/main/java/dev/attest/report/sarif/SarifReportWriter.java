package dev.attest.report.sarif;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.RuleMetadata;
import dev.attest.assessment.Summary;
import dev.attest.engine.Evidence;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.report.ReportWriter;
import dev.attest.report.RuleIndex;
import dev.attest.report.SinceBaseline;
import dev.attest.report.json.JsonReportWriter;
import dev.attest.rules.Rule;
import dev.attest.rules.Severity;
import dev.attest.attestations.AttestationResult;
import dev.attest.waivers.Waiver;
import dev.attest.waivers.WaiverResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code findings.sarif}: SARIF 2.1.0 for GitHub code scanning and Azure DevOps. Every rule is a
 * reporting descriptor with help and remediation; FAIL findings are results, WAIVED ones are
 * results with an external suppression (so they show as dismissed, not vanish); ERROR findings
 * and unreadable input are tool execution notifications, because they say the resource could
 * not be judged, not that it is misconfigured. PASS and NOT_APPLICABLE are not written.
 */
public final class SarifReportWriter implements ReportWriter {
  public static final String FILE_NAME = "findings.sarif";
  /** The fingerprint key: the finding id is stable per (rule, resource) across scans. */
  static final String FINGERPRINT = "attestFindingId/v1";

  private final ObjectWriter writer;

  public SarifReportWriter() {
    // SARIF omits empty members rather than writing nulls and empty arrays.
    this.writer = JsonReportWriter.indented(new ObjectMapper()
        .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY)));
  }

  @Override
  public String format() {
    return "sarif";
  }

  @Override
  public Path write(Assessment assessment, Path outputDir) throws IOException {
    Files.createDirectories(outputDir);
    Path file = outputDir.resolve(FILE_NAME);
    try (OutputStream out = Files.newOutputStream(file)) {
      writer.writeValue(out, log(assessment));
      out.write('\n');
    }
    return file;
  }

  Sarif.Log log(Assessment assessment) {
    List<RuleMetadata> rules = new RuleIndex(assessment).all();
    Map<String, Integer> index = new HashMap<>();
    List<Sarif.Rule> descriptors = new ArrayList<>();
    for (RuleMetadata rule : rules) {
      index.put(rule.id(), descriptors.size());
      descriptors.add(descriptor(rule));
    }
    List<Sarif.Result> results = new ArrayList<>();
    List<Sarif.Notification> notifications = new ArrayList<>();
    Summary summary = assessment.summary();
    for (String problem : summary.completeness().problems()) {
      notifications.add(new Sarif.Notification("error", Sarif.Message.text(problem), List.of(), null));
    }
    notifications.addAll(registerNotifications(assessment));
    notifications.addAll(LiveNotifications.of(assessment));
    Map<String, Waiver> waivers = new HashMap<>();
    assessment.waivers().forEach(w -> waivers.put(w.waiver().id(), w.waiver()));
    SinceBaseline since = new SinceBaseline(assessment);
    for (Finding finding : assessment.findings()) {
      int ruleIndex = index.get(finding.ruleId());
      if (finding.status() == Status.FAIL || finding.status() == Status.WAIVED) {
        results.add(result(finding, ruleIndex, finding.waiver() == null ? null : waivers.get(finding.waiver()),
            since.compared() ? baselineState(since.of(finding.id())) : null));
      } else if (finding.status() == Status.ERROR) {
        notifications.add(new Sarif.Notification("error", Sarif.Message.text(finding.message()),
            List.of(location(finding)), new Sarif.RuleReference(finding.ruleId(), ruleIndex)));
      }
    }
    String version = summary.tool().version();
    Sarif.Driver driver = new Sarif.Driver(summary.tool().name(), version,
        version.matches("\\d+\\.\\d+\\.\\d+.*") ? version : null, descriptors);
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("rulePack", summary.rulePack());
    properties.put("gate", summary.gate());
    properties.put("completeness", summary.completeness());
    if (summary.coverage() != null) {
      properties.put("coverage", summary.coverage());
    }
    if (assessment.policy() != null) {
      Map<String, Object> policy = new LinkedHashMap<>();
      policy.put("status", assessment.policy().status());
      policy.put("reason", assessment.policy().reason());
      policy.put("agree", assessment.policy().agree());
      policy.put("disagree", assessment.policy().disagree());
      policy.put("exemptions", assessment.policy().exemptions());
      properties.put("azurePolicy", policy);
    }
    if (assessment.evidence() != null) {
      Map<String, Integer> byStatus = new java.util.TreeMap<>();
      assessment.evidence().forEach(e -> byStatus.merge(e.status(), 1, Integer::sum));
      properties.put("logEvidence", byStatus);
    }
    if (assessment.baseline() != null) {
      Map<String, Object> baseline = new LinkedHashMap<>();
      baseline.put("identity", assessment.baseline().baseline());
      baseline.put("source", assessment.baseline().baselineSource());
      baseline.put("description", assessment.baseline().describeBaseline());
      baseline.put("counts", assessment.baseline().counts());
      properties.put("baseline", baseline);
    }
    if (!assessment.waivers().isEmpty()) {
      properties.put("waivers", assessment.waivers().stream().map(w -> {
        Map<String, Object> waiver = new LinkedHashMap<>();
        waiver.put("id", w.waiver().id());
        waiver.put("state", w.state().label());
        waiver.put("category", w.waiver().category().label());
        waiver.put("expires", w.waiver().expires() == null ? null : w.waiver().expires().toString());
        waiver.put("waivedFindings", w.waivedFindings());
        return waiver;
      }).toList());
    }
    if (!assessment.attestations().isEmpty()) {
      properties.put("attestations", assessment.attestations().stream().map(a -> {
        Map<String, Object> attestation = new LinkedHashMap<>();
        attestation.put("id", a.attestation().id());
        attestation.put("state", a.state());
        attestation.put("controls", a.attestation().controls());
        attestation.put("decision", a.attestation().decision() == null ? null : a.attestation().decision().label());
        attestation.put("expires", a.attestation().expires() == null ? null : a.attestation().expires().toString());
        return attestation;
      }).toList());
    }
    // An incomplete scan did run, but cannot vouch for what it did not read: say so where CI looks.
    Sarif.Invocation invocation = new Sarif.Invocation(summary.completeness().complete(), notifications);
    Sarif.Run run = new Sarif.Run(new Sarif.Tool(driver), List.of(invocation), results, properties);
    return new Sarif.Log(Sarif.SCHEMA, Sarif.VERSION, List.of(run));
  }

  /**
   * Register states a CI run should surface beside the results: expired waivers (an error when the
   * gate fails on them), waivers about to expire or matching nothing, attestations no longer current.
   */
  private static List<Sarif.Notification> registerNotifications(Assessment assessment) {
    boolean gatedOnExpiry = assessment.summary().gate() != null && assessment.summary().gate().expiredWaivers() != null;
    List<Sarif.Notification> notes = new ArrayList<>();
    for (WaiverResult w : assessment.waivers()) {
      String level = switch (w.state()) {
        case EXPIRED -> gatedOnExpiry ? "error" : "warning";
        case EXPIRING_SOON, UNUSED -> "note";
        case ACTIVE -> null;
      };
      if (level != null) {
        notes.add(new Sarif.Notification(level, Sarif.Message.text("waiver " + w.waiver().id() + " is "
            + w.state().label() + (w.waiver().expires() == null ? "" : " (expires " + w.waiver().expires() + ")")),
            List.of(), null));
      }
    }
    for (AttestationResult a : assessment.attestations()) {
      if (a.state().equals("expired") || a.state().equals("future")) {
        notes.add(new Sarif.Notification("warning", Sarif.Message.text("attestation " + a.attestation().id()
            + " is " + a.state() + " and does not count for " + String.join(", ", a.attestation().controls())),
            List.of(), null));
      }
    }
    return notes;
  }

  /** SARIF's baselineState: new, unchanged (still open), updated (now waived). */
  private static String baselineState(String label) {
    if (label == null) {
      return null;
    }
    return switch (label) {
      case SinceBaseline.NEW -> "new";
      case SinceBaseline.NEWLY_WAIVED -> "updated";
      case SinceBaseline.RESOLVED -> "absent";
      default -> "unchanged";
    };
  }

  private static Sarif.Rule descriptor(RuleMetadata rule) {
    String description = rule.description() == null ? rule.title() : rule.description().strip();
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> tags = new ArrayList<>();
    tags.add("security");
    tags.add("compliance");
    if (rule.area() != null) {
      tags.add(rule.area());
    }
    tags.addAll(rule.controls());
    properties.put("tags", tags);
    securitySeverity(rule.severity()).ifPresent(score -> properties.put("security-severity", score));
    properties.put("severity", rule.severity());
    properties.put("controls", rule.controls());
    String helpUri = rule.references().stream().filter(r -> r.startsWith("https://") || r.startsWith("http://"))
        .findFirst().orElse(null);
    return new Sarif.Rule(rule.id(), rule.name(), Sarif.Message.text(rule.title()), Sarif.Message.text(description),
        new Sarif.Configuration(level(rule.severity())), help(rule, description), helpUri, properties);
  }

  /** Help as plain text and as Markdown: what the rule checks, how to fix it, what it maps to. */
  private static Sarif.Message help(RuleMetadata rule, String description) {
    StringBuilder text = new StringBuilder(description);
    StringBuilder markdown = new StringBuilder(description);
    Rule.Remediation remediation = rule.remediation();
    if (remediation != null) {
      if (remediation.text() != null) {
        text.append("\n\nRemediation: ").append(remediation.text().strip());
        markdown.append("\n\n**Remediation**\n\n").append(remediation.text().strip());
      }
      if (remediation.az() != null) {
        text.append("\n\nAzure CLI:\n").append(remediation.az().strip());
        markdown.append("\n\nAzure CLI:\n\n```sh\n").append(remediation.az().strip()).append("\n```");
      }
      if (remediation.bicep() != null) {
        text.append("\n\nBicep:\n").append(remediation.bicep().strip());
        markdown.append("\n\nBicep:\n\n```bicep\n").append(remediation.bicep().strip()).append("\n```");
      }
    }
    if (!rule.controls().isEmpty()) {
      text.append("\n\nControls: ").append(String.join(", ", rule.controls()));
      markdown.append("\n\n**Controls:** ").append(String.join(", ", rule.controls().stream().map(c -> "`" + c + "`").toList()));
    }
    if (!rule.references().isEmpty()) {
      text.append("\n\nReferences:");
      markdown.append("\n\n**References**\n");
      for (String reference : rule.references()) {
        text.append("\n").append(reference);
        markdown.append("\n- ").append(reference);
      }
    }
    return new Sarif.Message(text.toString(), markdown.toString());
  }

  private static Sarif.Result result(Finding finding, int ruleIndex, Waiver waiver, String baselineState) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("status", finding.status().name());
    properties.put("severity", finding.severity());
    properties.put("resourceType", finding.resourceType());
    properties.put("subscriptionId", finding.subscriptionId());
    properties.put("controls", finding.controls());
    properties.put("evidence", finding.evidence().stream().map(Evidence::describe).toList());
    List<Sarif.Suppression> suppressions = finding.status() == Status.WAIVED
        ? List.of(suppression(finding, waiver)) : List.of();
    return new Sarif.Result(finding.ruleId(), ruleIndex, level(finding.severity()), Sarif.Message.text(finding.message()),
        List.of(location(finding)), Map.of(FINGERPRINT, finding.id()), suppressions, baselineState, properties);
  }

  /** An accepted external suppression: the waiver's justification, with who approved it and until when. */
  private static Sarif.Suppression suppression(Finding finding, Waiver waiver) {
    if (waiver == null) {
      return new Sarif.Suppression("external", "accepted", finding.message(), Map.of());
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("waiver", waiver.id());
    properties.put("category", waiver.category().label());
    properties.put("approver", waiver.approver());
    properties.put("ticket", waiver.ticket());
    properties.put("expires", waiver.expires() == null ? null : waiver.expires().toString());
    return new Sarif.Suppression("external", "accepted", waiver.justification(), properties);
  }

  /**
   * GitHub code scanning requires a physical location with an artifact URI, so the resource id
   * becomes a relative URI (each segment percent-encoded) with a nominal first-line region; the
   * logical location carries the resource id as it was read.
   */
  private static Sarif.Location location(Finding finding) {
    return location(finding.resourceName(), finding.resourceId());
  }

  static Sarif.Location location(String name, String resourceId) {
    return new Sarif.Location(
        new Sarif.PhysicalLocation(new Sarif.ArtifactLocation(uri(resourceId)), new Sarif.Region(1)),
        List.of(new Sarif.LogicalLocation(name, resourceId, "resource")));
  }

  static String uri(String resourceId) {
    StringBuilder uri = new StringBuilder();
    for (String segment : resourceId.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (!uri.isEmpty()) {
        uri.append('/');
      }
      for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
        char c = (char) (b & 0xFF);
        boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '-' || c == '.' || c == '_' || c == '~';
        uri.append(unreserved ? String.valueOf(c) : String.format("%%%02X", b & 0xFF));
      }
    }
    return uri.isEmpty() ? "unknown-resource" : uri.toString();
  }

  /** critical/high → error, medium → warning, low/info → note. */
  static String level(String severity) {
    return switch (Severity.parse(severity).orElse(Severity.INFO)) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  /** GitHub's scale: over 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low; info has none. */
  private static Optional<String> securitySeverity(String severity) {
    return switch (Severity.parse(severity).orElse(Severity.INFO)) {
      case CRITICAL -> Optional.of("9.5");
      case HIGH -> Optional.of("8.0");
      case MEDIUM -> Optional.of("5.5");
      case LOW -> Optional.of("3.0");
      case INFO -> Optional.empty();
    };
  }
}
