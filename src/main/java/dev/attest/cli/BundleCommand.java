package dev.attest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.AssessmentInputs;
import dev.attest.assessment.Gate;
import dev.attest.assessment.Summary;
import dev.attest.bundle.BundleRequest;
import dev.attest.bundle.BundleSnapshot;
import dev.attest.bundle.RedactingSource;
import dev.attest.bundle.Redactor;
import dev.attest.bundle.ScopeNames;
import dev.attest.baseline.FindingsSnapshot;
import dev.attest.inventory.DemoTenantSource;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.inventory.SnapshotSource;
import dev.attest.report.ReportFormats;
import dev.attest.report.json.FindingsReader;
import dev.attest.report.ReportWriter;
import dev.attest.rules.RulePack;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code attest bundle FINDINGS}: an evidence bundle from a saved findings file, without rescanning. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
    description = "Write an evidence bundle from a saved findings.json (and the snapshot it was scanned from).",
    footer = {"", "Exit codes: 0 bundle written, 2 usage error (bad findings file, rule pack, snapshot or "
        + "registers that do not match it, a register it weighed but was not given, unreadable key)."})
final class BundleCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Mixin
  RulePackOption rulePack = new RulePackOption();
  @Mixin
  BundleOptions bundleOptions = new BundleOptions();
  @Mixin
  DocumentArgs documentArgs = new DocumentArgs();

  @Parameters(paramLabel = "FINDINGS_JSON", description = "A findings.json written by attest scan.")
  Path findingsFile;

  @Option(names = "--snapshot", paramLabel = "PATH",
      description = "The exported snapshot the findings were scanned from (repeatable); without it the bundle "
          + "holds no snapshot and cannot be re-scanned.")
  List<Path> snapshots = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Parent folder of the bundle (default: reports).")
  Path out;

  @Option(names = "--format", split = ",", paramLabel = "FORMAT",
      description = "Formats in the bundle (default: every format; json is always included).")
  List<String> formats;

  @Option(names = "--waivers", paramLabel = "FILE",
      description = "The waiver register the findings were assessed with (required when they list waivers).")
  Path waivers;

  @Option(names = "--attestations", paramLabel = "FILE",
      description = "The attestation register the findings were assessed with (required when they list "
          + "attestations); its evidence files are copied too.")
  Path attestations;

  @Option(names = "--baseline", paramLabel = "FINDINGS_OR_BUNDLE",
      description = "The baseline the findings were compared with (required when they hold a comparison).")
  Path baseline;

  @Option(names = "--baseline-trusted-key", paramLabel = "PUBKEY",
      description = "The public key (PEM) a baseline bundle must be signed with.")
  Path baselineTrustedKey;

  @Option(names = "--as-of", paramLabel = "DATE",
      description = "The day the registers were judged on; must match the findings (default: the day they record).")
  java.time.LocalDate asOf;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Redactor redactor = new Redactor();
    Assessment assessment;
    try {
      // Redacted as it is read: a findings file from elsewhere may carry secrets in its evidence.
      assessment = new FindingsReader(redactor::redact).read(findingsFile);
    } catch (FindingsReader.Unreadable e) {
      err.println("attest bundle: " + e.getMessage());
      return Gate.USAGE;
    }
    RulePack pack = rulePack.load(err);
    if (pack == null) {
      return Gate.USAGE;
    }
    Summary summary = assessment.summary();
    if (!pack.hash().equals(summary.rulePack().sha256())) {
      err.println("attest bundle: the rule pack at " + pack.root() + " (sha256 " + pack.hash() + ") is not the one "
          + findingsFile + " was produced with (" + summary.rulePack().sha256() + "); pass --rules with that pack");
      return Gate.USAGE;
    }
    var documents = documentArgs.options(pack.catalog(), err, "attest bundle", bundleOptions.period, bundleOptions.scopeName);
    if (documents == null) {
      return Gate.USAGE;
    }
    ReportFormats registry = new ReportFormats(documents);
    if (formats != null) {
      for (String format : formats) {
        if (registry.find(format).isEmpty()) {
          err.println("attest bundle: unknown format '" + format + "' (available: " + String.join(", ", registry.names()) + ")");
          return Gate.USAGE;
        }
      }
    }
    AssessmentInputs inputs;
    BaselineInput.Loaded loaded;
    try {
      loaded = baseline == null ? null : new BaselineInput().read(baseline,
          BaselineInput.trustedKey(baselineTrustedKey, "--baseline-trusted-key"));
      inputs = new RecordedInputs(redactor, findingsFile).check(assessment, waivers, attestations,
          loaded == null ? null : loaded.snapshot(), asOf, pack.catalog());
    } catch (FindingsSnapshot.Unreadable e) {
      err.println("attest bundle: baseline " + e.getMessage());
      return Gate.USAGE;
    } catch (RecordedInputs.Mismatch e) {
      err.println("attest bundle: " + e.getMessage());
      return Gate.USAGE;
    }
    KeyPair key;
    try {
      key = Bundling.signingKey(bundleOptions,
            spec.commandLine().getParseResult().hasMatchedOption("--sign-key"), "attest bundle", err);
    } catch (Bundling.Failed e) {
      return e.exitCode;
    }
    BundleRequest.Snapshot snapshot = null;
    if (!snapshots.isEmpty()) {
      for (Path path : snapshots) {
        if (!Files.exists(path)) {
          err.println("attest bundle: --snapshot " + path + " does not exist");
          return Gate.USAGE;
        }
      }
      Inventory inventory = new InventoryBuilder()
          .read(new RedactingSource(new SnapshotSource(snapshots, new ObjectMapper()), redactor)).build();
      if (inventory.size() != summary.scope().objects()) {
        err.println("attest bundle: the snapshot holds " + inventory.size() + " objects but " + findingsFile
            + " evaluated " + summary.scope().objects() + "; pass the snapshot it was scanned from");
        return Gate.USAGE;
      }
      // The findings record what the original scan read; the bundle's snapshot replays exactly that.
      snapshot = new BundleRequest.Snapshot(inventory.objects(), new BundleSnapshot.Provenance(
          summary.scope().sources(), summary.completeness().problems(), inventory.size()));
    }
    boolean demo = summary.scope().sources().equals(List.of(new DemoTenantSource(new ObjectMapper()).describe()));
    List<ReportWriter> writers = Bundling.writers(registry, formats);
    BundleRequest request = new BundleRequest(assessment, writers, pack, snapshot,
        // Rule parameters are not recorded in a findings file; the gate settings are.
        new BundleRequest.ScanConfig(summary.gate().failOn(), summary.gate().failOnControls(), null),
        Bundling.registers(waivers, attestations, inputs, loaded, summary.gate()),
        bundleOptions.scopeName != null ? bundleOptions.scopeName : ScopeNames.derive(demo, summary.scope().subscriptions()),
        bundleOptions.period,
        BundleOptions.recordedCommandLine(spec.commandLine().getParseResult().originalArgs(), redactor),
        key);
    return new Bundling(java.time.Clock.systemUTC()).write(request, out != null ? out : Bundling.DEFAULT_OUT,
        "attest bundle", spec.commandLine().getOut(), err);
  }
}
