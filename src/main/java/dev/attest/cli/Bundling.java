package dev.attest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.assessment.AssessmentInputs;
import dev.attest.assessment.Gate;
import dev.attest.attestations.Attestation;
import dev.attest.bundle.BundleRequest;
import dev.attest.bundle.BundleWriter;
import dev.attest.bundle.Redactor;
import dev.attest.bundle.SigningKeys;
import dev.attest.report.ReportFormats;
import dev.attest.report.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Writes a bundle for {@code scan --bundle} and {@code bundle}, and tells the user where it went. */
final class Bundling {
  /** The default parent folder of bundles. */
  static final Path DEFAULT_OUT = Path.of("reports");

  private final Clock clock;

  Bundling(Clock clock) {
    this.clock = clock;
  }

  /** Every registered format (a bundle holds them all unless --format names some); json is always in. */
  static List<ReportWriter> writers(ReportFormats registry, List<String> requested) {
    List<String> names = new ArrayList<>(requested == null ? registry.names() : requested);
    if (!names.contains("json")) {
      names.add(0, "json");
    }
    return names.stream().map(n -> registry.find(n).orElseThrow()).distinct().toList();
  }

  /**
   * The registers the assessment weighed, copied into the bundle, the day they were judged on and
   * the gate settings a findings file records but scan-config.yaml cannot hold (expired waivers
   * failing the gate, only new failures counting), so that the bundle's reproduce command gives
   * the same waived findings, attested controls, comparison and verdict.
   */
  static List<BundleRequest.Input> registers(Path waivers, Path attestations, AssessmentInputs inputs,
      BaselineInput.Loaded baseline, Gate.Verdict gate) {
    List<BundleRequest.Input> registers = new ArrayList<>();
    if (waivers != null) {
      registers.add(new BundleRequest.Input("--waivers", waivers));
    }
    if (attestations != null) {
      registers.add(BundleRequest.Input.withCompanions("--attestations", attestations,
          inputs.attestations().stream().flatMap(a -> a.evidence().stream())
              .map(Attestation.EvidenceItem::file).filter(Objects::nonNull).distinct().toList()));
    }
    if (baseline != null) {
      registers.add(BundleRequest.Input.ofBytes("--baseline", baseline.fileName(), baseline.files()));
    }
    if (inputs.dated()) {
      registers.add(new BundleRequest.Input("--as-of", inputs.asOf().toString()));
    }
    if (gate != null && gate.expiredWaivers() != null) {
      registers.add(new BundleRequest.Input("--expired-waivers", "fail"));
    }
    if (gate != null && Boolean.TRUE.equals(gate.newFindingsOnly())) {
      registers.add(BundleRequest.Input.flag("--fail-on-new"));
    }
    return registers;
  }

  /**
   * Reads the signing key up front, so a bad key stops the command before any work (exit 2); the
   * message names where the path came from: {@code --sign-key}, or {@code $ATTEST_SIGN_KEY} when
   * the option was not given.
   */
  static KeyPair signingKey(BundleOptions options, boolean optionGiven, String command, PrintWriter err) throws Failed {
    try {
      return options.signingKey();
    } catch (SigningKeys.KeyProblem e) {
      err.println(command + ": " + (optionGiven ? "--sign-key " : "$" + BundleOptions.SIGN_KEY_ENV + " names ")
          + e.getMessage());
      throw new Failed(Gate.USAGE);
    }
  }

  /** Writes the bundle; returns 0, or 2 when it cannot be written. */
  int write(BundleRequest request, Path out, String command, PrintWriter stdout, PrintWriter err) {
    try {
      BundleWriter.Written written = new BundleWriter(clock, new Redactor(), new ObjectMapper()).write(request, out);
      stdout.println("Bundle " + written.folder() + " (" + written.manifest().files().size() + " files)");
      stdout.println("Bundle zip " + written.zip());
      stdout.println(written.signed()
          ? "Signed with key " + written.manifest().signature().fingerprint()
          : "Unsigned: no --sign-key or $" + BundleOptions.SIGN_KEY_ENV + "; attest verify will need --allow-unsigned");
      return Gate.OK;
    } catch (IOException e) {
      err.println(command + ": cannot write the bundle under " + out + ": " + e.getMessage());
      return Gate.USAGE;
    }
  }

  /** A command that must stop with this exit code (the message is already printed). */
  static final class Failed extends Exception {
    final int exitCode;

    Failed(int exitCode) {
      super(null, null, false, false);
      this.exitCode = exitCode;
    }
  }
}
