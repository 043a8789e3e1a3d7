package dev.attest.cli;

import dev.attest.assessment.AssessmentInputs;
import dev.attest.assessment.Gate;
import dev.attest.attestations.Attestation;
import dev.attest.attestations.AttestationRegister;
import dev.attest.baseline.FindingsSnapshot;
import dev.attest.rules.RulePack;
import dev.attest.rules.RuleProblem;
import dev.attest.waivers.Waiver;
import dev.attest.waivers.WaiverRegister;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that feed the assessment besides the scan: waivers, attestations, date and baseline. */
final class AssessmentOptions {
  @Option(names = "--waivers", paramLabel = "FILE", description = "Waiver register (YAML; see docs/waivers.md).")
  Path waivers;

  @Option(names = "--attestations", paramLabel = "FILE",
      description = "Attestation register (YAML; see docs/waivers.md).")
  Path attestations;

  @Option(names = "--expired-waivers", paramLabel = "warn|fail", defaultValue = "warn",
      description = "Whether expired waivers in the register fail the gate (default: ${DEFAULT-VALUE}).")
  String expiredWaivers;

  @Option(names = "--as-of", paramLabel = "DATE",
      description = "Judge waiver and attestation dates as of this day (default: today, UTC), to reproduce a past verdict.")
  LocalDate asOf;

  @Option(names = "--baseline", paramLabel = "FINDINGS_OR_BUNDLE",
      description = "A previous findings.json, bundle folder or bundle zip to compare with.")
  Path baseline;

  @Option(names = "--fail-on-new", description = "With --baseline: the gate fails only on failures that are new.")
  boolean failOnNew;

  @Option(names = "--baseline-trusted-key", paramLabel = "PUBKEY",
      description = "The public key (PEM) a baseline bundle must be signed with; without it a baseline bundle's "
          + "hashes are checked and its signature against the key it carries.")
  Path baselineTrustedKey;

  /** The baseline as read and checked (null without --baseline), for the bundle to copy. */
  BaselineInput.Loaded loadedBaseline;

  /** The inputs, or null after printing every problem (a usage error). */
  AssessmentInputs load(RulePack pack, PrintWriter err) {
    List<RuleProblem> problems = new ArrayList<>();
    List<Waiver> waiverList = List.of();
    List<Attestation> attestationList = List.of();
    if (!expiredWaivers.equals("warn") && !expiredWaivers.equals("fail")) {
      err.println("attest: --expired-waivers takes warn or fail, not '" + expiredWaivers + "'");
      return null;
    }
    if (failOnNew && baseline == null) {
      err.println("attest: --fail-on-new needs --baseline FINDINGS_OR_BUNDLE");
      return null;
    }
    if (waivers != null) {
      WaiverRegister register = WaiverRegister.read(waivers);
      problems.addAll(register.problems());
      waiverList = register.waivers();
    }
    if (attestations != null) {
      AttestationRegister register = AttestationRegister.read(attestations, pack.catalog());
      problems.addAll(register.problems());
      attestationList = register.attestations();
    }
    FindingsSnapshot previous = null;
    if (baselineTrustedKey != null && baseline == null) {
      err.println("attest: --baseline-trusted-key needs --baseline FINDINGS_OR_BUNDLE");
      return null;
    }
    if (baseline != null) {
      try {
        loadedBaseline = new BaselineInput().read(baseline,
            BaselineInput.trustedKey(baselineTrustedKey, "--baseline-trusted-key"));
        previous = loadedBaseline.snapshot();
      } catch (FindingsSnapshot.Unreadable e) {
        err.println("attest: baseline " + e.getMessage());
        return null;
      }
    }
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println(p.describe()));
      err.println("attest: " + problems.size() + " problem(s) in the waiver/attestation registers");
      return null;
    }
    LocalDate day = asOf != null ? asOf : LocalDate.now(ZoneOffset.UTC);
    return new AssessmentInputs(waiverList, attestationList, day, previous);
  }

  Gate gate(Gate base) {
    return new Gate(base.failOn(), base.failOnControls(), expiredWaivers.equals("fail"), failOnNew);
  }
}
