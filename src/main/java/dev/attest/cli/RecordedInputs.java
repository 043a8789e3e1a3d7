package dev.attest.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.AssessmentInputs;
import dev.attest.attestations.Attestation;
import dev.attest.attestations.AttestationRegister;
import dev.attest.attestations.AttestationResult;
import dev.attest.baseline.FindingsSnapshot;
import dev.attest.bundle.Redactor;
import dev.attest.controls.ControlCatalog;
import dev.attest.rules.RuleProblem;
import dev.attest.waivers.Waiver;
import dev.attest.waivers.WaiverRegister;
import dev.attest.waivers.WaiverResult;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * For {@code attest bundle FINDINGS}: the waiver and attestation registers, the day and the
 * baseline the saved findings were assessed with, given again on the command line and checked
 * against what the findings record, so the bundle carries them and its reproduce command gives
 * the same findings. Every mismatch, and a register the findings weighed but the command did not
 * get, is one line and a usage error.
 */
final class RecordedInputs {
  private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private final Redactor redactor;
  private final String findingsFile;

  RecordedInputs(Redactor redactor, Path findingsFile) {
    this.redactor = redactor;
    this.findingsFile = findingsFile.toString();
  }

  /** A register or setting that does not match the findings; the message is the one line users see. */
  static final class Mismatch extends Exception {
    Mismatch(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The inputs to record, after checking each against the findings: the registers' entries
   * must be the ones the findings list (same ids, selectors, dates and evidence hashes), the day
   * the one in {@code summary.asOf}, the baseline the file whose SHA-256 the comparison names.
   */
  AssessmentInputs check(Assessment assessment, Path waivers, Path attestations, FindingsSnapshot baseline,
      LocalDate asOf, ControlCatalog catalog) throws Mismatch {
    List<Waiver> waiverList = List.of();
    if (waivers == null && !assessment.waivers().isEmpty()) {
      throw new Mismatch(findingsFile + " was assessed with a waiver register (" + ids(assessment.waivers().stream()
          .map(w -> w.waiver().id()).toList()) + "); pass it with --waivers FILE so the bundle carries it and "
          + "reproduces the waived findings");
    }
    if (waivers != null) {
      WaiverRegister register = WaiverRegister.read(waivers);
      problems(register.problems());
      waiverList = register.waivers();
      List<Waiver> recorded = assessment.waivers().stream().map(WaiverResult::waiver).toList();
      if (recorded.isEmpty()) {
        throw new Mismatch("--waivers " + waivers + ": " + findingsFile + " was assessed without waivers");
      }
      same("--waivers " + waivers, "waiver", recorded.stream().map(Waiver::id).toList(),
          waiverList.stream().map(Waiver::id).toList(), tree(recorded), tree(waiverList));
    }
    List<Attestation> attestationList = List.of();
    if (attestations == null && !assessment.attestations().isEmpty()) {
      throw new Mismatch(findingsFile + " was assessed with an attestation register (" + ids(assessment.attestations()
          .stream().map(a -> a.attestation().id()).toList()) + "); pass it with --attestations FILE so the bundle "
          + "carries it and its evidence files");
    }
    if (attestations != null) {
      AttestationRegister register = AttestationRegister.read(attestations, catalog);
      problems(register.problems());
      attestationList = register.attestations();
      List<Attestation> recorded = assessment.attestations().stream().map(AttestationResult::attestation).toList();
      if (recorded.isEmpty()) {
        throw new Mismatch("--attestations " + attestations + ": " + findingsFile + " was assessed without attestations");
      }
      same("--attestations " + attestations, "attestation", recorded.stream().map(Attestation::id).toList(),
          attestationList.stream().map(Attestation::id).toList(), tree(recorded), tree(attestationList));
    }
    String recordedDay = assessment.summary().asOf();
    LocalDate day = asOf;
    if (asOf != null && recordedDay == null) {
      throw new Mismatch("--as-of " + asOf + ": " + findingsFile + " records no assessment day (it weighed no registers)");
    }
    if (asOf != null && !asOf.toString().equals(recordedDay)) {
      throw new Mismatch("--as-of " + asOf + ": " + findingsFile + " was assessed as of " + recordedDay);
    }
    if (day == null && recordedDay != null) {
      day = LocalDate.parse(recordedDay);
    }
    String recordedBaseline = assessment.baseline() == null ? null : assessment.baseline().baseline();
    if (baseline == null && recordedBaseline != null) {
      throw new Mismatch(findingsFile + " was compared with a baseline (" + recordedBaseline + "); pass it with "
          + "--baseline FINDINGS_OR_BUNDLE so the bundle carries it");
    }
    if (baseline != null && recordedBaseline == null) {
      throw new Mismatch("--baseline " + baseline.source() + ": " + findingsFile + " was not compared with a baseline");
    }
    if (baseline != null && !baseline.identity().equals(recordedBaseline)) {
      throw new Mismatch("--baseline " + baseline.source() + " is " + baseline.identity() + ", but " + findingsFile
          + " was compared with " + recordedBaseline);
    }
    FindingsSnapshot.Origin recordedSource = assessment.baseline() == null ? null : assessment.baseline().baselineSource();
    if (baseline != null && recordedSource != null && !recordedSource.equals(baseline.origin())) {
      // Same bytes under another name (a renamed copy, a bundle's findings taken out of it): the
      // comparison names its baseline, so a re-run would not give the same findings.
      throw new Mismatch("--baseline " + baseline.source() + " has the right SHA-256 but is " + describe(baseline.origin())
          + ", while " + findingsFile + " was compared with " + describe(recordedSource));
    }
    return new AssessmentInputs(waiverList, attestationList, day, baseline);
  }

  private static String describe(FindingsSnapshot.Origin origin) {
    return origin == null ? "an unnamed baseline" : origin.kind() + " " + origin.name()
        + (origin.signedBy() == null ? "" : " signed by " + origin.signedBy());
  }

  private static void problems(List<RuleProblem> problems) throws Mismatch {
    if (!problems.isEmpty()) {
      throw new Mismatch(problems.get(0).describe().lines().findFirst().orElse("")
          + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problem(s))" : ""));
    }
  }

  /** The register's entries as the findings hold them (redacted the same way the findings were read). */
  private List<JsonNode> tree(List<?> entries) {
    return entries.stream().map(e -> redactor.redact((JsonNode) json.valueToTree(e))).toList();
  }

  private static void same(String option, String kind, List<String> recordedIds, List<String> givenIds,
      List<JsonNode> recorded, List<JsonNode> given) throws Mismatch {
    if (!recordedIds.equals(givenIds)) {
      throw new Mismatch(option + " lists " + kind + "s " + ids(givenIds) + ", but the findings were assessed with "
          + ids(recordedIds));
    }
    for (int i = 0; i < recorded.size(); i++) {
      if (!Objects.equals(recorded.get(i), given.get(i))) {
        throw new Mismatch(option + ": " + kind + " " + recordedIds.get(i)
            + " differs from the one the findings were assessed with (edited since?)");
      }
    }
  }

  private static String ids(List<String> ids) {
    List<String> shown = new ArrayList<>(ids.subList(0, Math.min(5, ids.size())));
    if (ids.size() > 5) {
      shown.add("… " + (ids.size() - 5) + " more");
    }
    return String.join(", ", shown);
  }
}
