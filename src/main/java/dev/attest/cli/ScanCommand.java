package dev.attest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.AssessmentInputs;
import dev.attest.assessment.Assessor;
import dev.attest.assessment.FindingTally;
import dev.attest.assessment.Gate;
import dev.attest.bundle.BundleRequest;
import dev.attest.bundle.BundleSnapshot;
import dev.attest.bundle.Redactor;
import dev.attest.bundle.ScopeNames;
import dev.attest.engine.Engine;
import dev.attest.engine.ReadPlan;
import dev.attest.engine.Finding;
import dev.attest.inventory.DemoTenantSource;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.inventory.InventorySource;
import dev.attest.inventory.Retention;
import dev.attest.inventory.SnapshotSource;
import dev.attest.inventory.SourceProblem;
import dev.attest.report.ReportFormats;
import dev.attest.report.ReportWriter;
import dev.attest.report.document.DocumentOptions;
import dev.attest.report.json.FindingsStream;
import dev.attest.report.json.JsonReportWriter;
import dev.attest.report.text.ConsoleSummary;
import dev.attest.rules.RulePack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code attest scan}: read, evaluate, assess, report, and gate. */
@Command(name = "scan", mixinStandardHelpOptions = true,
    header = "Scan Azure live, or exported snapshots, and write HIPAA/HITRUST findings.",
    description = {"Scan Azure live (--subscription, --management-group, --all-subscriptions) or exported snapshots "
        + "(--snapshot; or the embedded demo tenant, --demo) and write findings.",
        "Live scans sign in with --auth and read with the Reader role; see docs/live-scanning.md."},
    footer = {"", "Exit codes: 0 pass, 1 gate failed, 2 usage or configuration error,",
        "3 incomplete (some input could not be read or evaluated), 4 authentication failure.",
        "When the gate fails and the scan is also incomplete, the exit code is 1."})
final class ScanCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  RulePackOption rulePack = new RulePackOption();

  @Option(names = "--demo", description = "Scan the embedded synthetic Contoso Health tenant.")
  boolean demo;

  @Option(names = "--snapshot", paramLabel = "PATH",
      description = "Exported ARM JSON/JSONL file or folder (repeatable; folders are read recursively).")
  List<Path> snapshots = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports/latest",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--format", split = ",", paramLabel = "FORMAT", defaultValue = "json",
      completionCandidates = FormatNames.class,
      description = "Output formats, comma-separated or repeated: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  List<String> formats;

  @Option(names = "--fail-on", paramLabel = "SEVERITY",
      description = "Fail (exit 1) on unwaived findings at or above: critical, high (default), medium, low, info, none.")
  String failOn;

  @Option(names = "--fail-on-control", paramLabel = "ID",
      description = "Fail on any unwaived FAIL mapped to this control, whatever its severity (repeatable).")
  List<String> failOnControls = new ArrayList<>();

  @Option(names = "--param", paramLabel = "RULE.NAME=VALUE",
      description = "Override a rule parameter, e.g. AZ-LOG-0005.minimumRetentionDays=730 (repeatable).")
  List<String> params = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML config with failOn, failOnControls and parameters (command-line options win).")
  Path config;

  @Mixin
  DocumentArgs documentArgs = new DocumentArgs();

  @Option(names = {"-q", "--quiet"}, description = "Print only the gate verdict line.")
  boolean quiet;

  @Option(names = "--timings", description = "Print the wall time of each phase (read, index, evaluate, report) on stderr.")
  boolean timings;

  private Timings clock;

  @Mixin
  AssessmentOptions assessmentOptions = new AssessmentOptions();

  @Option(names = "--bundle", description = "Write a signed evidence bundle (every format unless --format is given) "
      + "to --out DIR/<scope>-<UTC time>/ and a zip beside it (default DIR: reports).")
  boolean bundle;

  @Mixin
  BundleOptions bundleOptions = new BundleOptions();

  @Mixin
  LiveOptions live = new LiveOptions();

  /** Tests hand in a credential and HTTP client for their emulator; null means real Azure. */
  private final dev.attest.live.LiveConnector connector;

  ScanCommand() {
    this(null);
  }

  ScanCommand(dev.attest.live.LiveConnector connector) {
    this.connector = connector;
  }

  @Override
  public Integer call() {
    clock = new Timings(timings);
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    if (!demo && snapshots.isEmpty() && !live.requested()) {
      err.println("attest scan: nothing to scan; give --snapshot PATH, --demo, or a live scope (--subscription ID, "
          + "--management-group ID, --all-subscriptions)");
      return Gate.USAGE;
    }
    if (live.saveSnapshot != null && !live.requested()) {
      err.println("attest scan: --save-snapshot needs a live scope (--subscription, --management-group or --all-subscriptions)");
      return Gate.USAGE;
    }
    RulePack pack = rulePack.load(err);
    if (pack == null) {
      return Gate.USAGE;
    }
    DocumentOptions documents = documentArgs.options(pack.catalog(), err, "attest scan", bundleOptions.period,
        bundleOptions.scopeName);
    if (documents == null) {
      return Gate.USAGE;
    }
    ReportFormats registry = new ReportFormats(documents);
    boolean formatsGiven = spec.commandLine().getParseResult().hasMatchedOption("--format");
    List<ReportWriter> writers;
    try {
      writers = registry.select(formats);
    } catch (IllegalArgumentException e) {
      err.println("attest scan: " + e.getMessage());
      return Gate.USAGE;
    }
    ScanSettings settings = new ScanSettings();
    Gate gate;
    try {
      if (config != null) {
        settings.readConfig(config, pack);
      }
      if (failOn != null) {
        settings.setFailOn(failOn, "--fail-on");
      }
      failOnControls.forEach(id -> settings.addGatedControl(id, "--fail-on-control"));
      settings.applyParams(params, pack);
      gate = new Gate(settings.failOn, settings.gatedControls(pack));
    } catch (ScanSettings.Invalid e) {
      err.println("attest scan: " + e.getMessage());
      return Gate.USAGE;
    }

    AssessmentInputs inputs = assessmentOptions.load(pack, err);
    if (inputs == null) {
      return Gate.USAGE;
    }
    gate = assessmentOptions.gate(gate);
    java.security.KeyPair signingKey = null;
    if (bundle) {
      try {
        signingKey = Bundling.signingKey(bundleOptions,
            spec.commandLine().getParseResult().hasMatchedOption("--sign-key"), "attest scan", err);
      } catch (Bundling.Failed e) {
        return e.exitCode;
      }
    }

    String missing = missingSnapshot();
    if (missing != null) {
      err.println("attest scan: " + missing);
      return Gate.USAGE;
    }
    clock.lap("rules and settings", pack.rules().size() + " rules");
    ObjectMapper mapper = new ObjectMapper();
    // Every object is redacted as it is read, so no report, log or bundle ever holds a secret.
    Redactor redactor = new Redactor();
    // A bundle copies the snapshot and a live scan records it: both keep every object whole. Any
    // other scan keeps only what its rules read, which is what lets a large tenant fit the heap.
    Retention retention = bundle || live.requested() ? Retention.everything() : lean(pack);
    InventoryBuilder builder = new InventoryBuilder(retention, redactor::redactOwned);
    if (demo) {
      builder.read(new DemoTenantSource(mapper));
    }
    dev.attest.assessment.LiveInputs replayed = null;
    try {
      SnapshotInputs given = snapshotSources(mapper);
      if (given.replayed() != null && (live.requested() || demo || snapshots.size() > 1)) {
        err.println("attest scan: a snapshot saved by a live scan replays that scan's coverage, Azure Policy states "
            + "and evidence; scan it on its own (one --snapshot, no --demo or live scope)");
        return Gate.USAGE;
      }
      replayed = given.replayed();
      for (InventorySource source : given.sources()) {
        builder.read(source);
      }
    } catch (IOException e) {
      err.println("attest scan: cannot read the saved snapshot: " + e.getMessage());
      return Gate.USAGE;
    }
    dev.attest.evidence.ReportingPeriod period = null;
    if (live.requested() && bundleOptions.period != null) {
      try {
        period = dev.attest.evidence.ReportingPeriod.parse(bundleOptions.period);
      } catch (dev.attest.evidence.ReportingPeriod.Invalid e) {
        err.println("attest scan: " + e.getMessage());
        return Gate.USAGE;
      }
    }
    LiveOptions.Connected connected = null;
    if (live.requested()) {
      // Only here does the Azure SDK load: offline scans never touch it.
      try {
        connected = live.connect(pack, connector, err, quiet, redactor);
      } catch (dev.attest.live.LiveFailure e) {
        err.println("attest scan: " + e.getMessage());
        return e.auth() ? Gate.AUTH : Gate.USAGE;
      }
      builder.read(connected.source());
      if (connected.live().authFailure().isPresent()) {
        connected.progress().close();
        err.println("attest scan: " + connected.live().authFailure().get());
        return Gate.AUTH;
      }
    }
    if (builder.objectsRead() == 0) {
      // An empty export (`[]`, a folder of empty lists) evaluates nothing, so it must not pass the gate.
      builder.problem(new SourceProblem(String.join("; ", builder.sources()), 0, 0,
          "no ARM objects were read, so nothing was evaluated; the scan is incomplete"));
    }
    clock.lap("read", builder.objectsRead() + " objects");
    Inventory inventory = builder.build();
    clock.lap("index", null);
    dev.attest.assessment.LiveInputs collected = replayed;
    if (connected != null) {
      collected = connected.collect(inventory, pack, period);
      try {
        if (!bundle) {
          // A bundle carries coverage.json inside it (see writeBundle); nothing is left outside.
          connected.writeCoverage(out);
        }
        connected.saveRecord(collected);
      } catch (IOException e) {
        err.println("attest scan: cannot write coverage.json: " + e.getMessage());
        return Gate.USAGE;
      }
    }
    for (SourceProblem problem : inventory.problems()) {
      err.println(problem.describe());
    }
    if (collected != null) {
      collected.problems().forEach(err::println);
    }
    if (!bundle && collected == null && streamable(inputs, writers)) {
      return streamJson(pack, inventory, settings, gate, (JsonReportWriter) writers.get(0));
    }
    List<Finding> findings = new Engine(settings.parameters).evaluate(pack.rules(), inventory);
    clock.lap("evaluate", findings.size() + " findings");
    Assessment assessment = new Assessor(Main.version()).assess(pack, inventory, findings, gate, inputs, collected);
    clock.lap("assess", null);
    if (bundle) {
      return writeBundle(assessment, pack, inventory, settings, inputs, registry, formatsGiven ? writers : null,
          signingKey, redactor, connected, collected);
    }
    List<Path> written = new ArrayList<>();
    for (ReportWriter writer : writers) {
      try {
        written.add(writer.write(assessment, out));
        clock.lap(writer.format(), null);
      } catch (IOException e) {
        err.println("attest scan: cannot write " + writer.format() + " output to " + out + ": " + e.getMessage());
        return Gate.USAGE;
      }
    }
    clock.print(err);
    new ConsoleSummary(quiet).print(assessment, written, stdout);
    return assessment.summary().gate().exitCode();
  }

  /**
   * A plain JSON scan (no waivers, attestations, baseline or bundle) streams: findings go to
   * findings.json as each rule is evaluated and only bounded tallies stay in memory.
   */
  private static boolean streamable(AssessmentInputs inputs, List<ReportWriter> writers) {
    return inputs.waivers().isEmpty() && inputs.attestations().isEmpty() && inputs.baseline() == null
        && writers.size() == 1 && writers.get(0) instanceof JsonReportWriter;
  }

  private int streamJson(RulePack pack, Inventory inventory, ScanSettings settings, Gate gate, JsonReportWriter json) {
    FindingTally tally = new FindingTally(gate);
    Path written;
    Assessment assessment;
    try (FindingsStream stream = json.stream(out)) {
      try {
        new Engine(settings.parameters).evaluate(pack.rules(), inventory, (rule, findings) -> {
          findings.forEach(tally::add);
          try {
            stream.addAll(rule.id(), findings);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
      } catch (java.io.UncheckedIOException e) {
        throw e.getCause();
      }
      clock.lap("evaluate and write findings", tally.count(dev.attest.engine.Status.PASS)
          + tally.count(dev.attest.engine.Status.FAIL) + tally.count(dev.attest.engine.Status.ERROR)
          + tally.count(dev.attest.engine.Status.NOT_APPLICABLE) + " findings");
      assessment = new Assessor(Main.version()).assessTallied(pack, inventory, tally);
      written = stream.finish(assessment);
      clock.lap("summary and controls", null);
    } catch (IOException e) {
      spec.commandLine().getErr().println("attest scan: cannot write json output to " + out + ": " + e.getMessage());
      return Gate.USAGE;
    }
    clock.print(spec.commandLine().getErr());
    new ConsoleSummary(quiet).print(assessment, List.of(written), spec.commandLine().getOut());
    return assessment.summary().gate().exitCode();
  }

  /** What a scan keeps of each object: what its rules read, and what redaction reads beside it. */
  private static Retention lean(RulePack pack) {
    return Redactor.keepingPairs(ReadPlan.builder(pack.rules())).build();
  }

  /**
   * A --snapshot path that does not exist is a usage error (2), like a bad flag: it is a typo in
   * the command, not a tenant that could not be read (3).
   */
  private String missingSnapshot() {
    for (Path path : snapshots) {
      if (!java.nio.file.Files.exists(path)) {
        return "--snapshot " + path + (java.nio.file.Files.isSymbolicLink(path)
            ? ": is a symbolic link whose target does not exist" : ": no such file or folder");
      }
    }
    return null;
  }

  /** The sources for --snapshot, and the live collection a recorded folder replays (null: none). */
  private record SnapshotInputs(List<InventorySource> sources, dev.attest.assessment.LiveInputs replayed) {}

  /**
   * The sources for --snapshot: a bundle's snapshot folder replays its recorded provenance; a
   * folder saved by a live scan (--save-snapshot) replays the live source as it was read. Either
   * also replays the live collection's coverage, Azure Policy states and evidence when it holds them.
   */
  private SnapshotInputs snapshotSources(ObjectMapper mapper) throws IOException {
    List<InventorySource> sources = new ArrayList<>();
    List<Path> plain = new ArrayList<>();
    dev.attest.assessment.LiveInputs replayed = null;
    LiveRecord record = new LiveRecord(mapper);
    for (Path path : snapshots) {
      if (BundleSnapshot.isBundleSnapshot(path)) {
        sources.addAll(new BundleSnapshot(mapper).sources(path));
        if (LiveRecord.isRecorded(path)) {
          replayed = record.read(path).inputs();
        }
      } else if (LiveRecord.isSaved(path)) {
        LiveRecord.Replay replay = record.read(path);
        sources.add(replay.source());
        replayed = replay.inputs();
      } else {
        plain.add(path);
      }
    }
    if (!plain.isEmpty()) {
      sources.add(new SnapshotSource(plain, mapper));
    }
    return new SnapshotInputs(sources, replayed);
  }

  private int writeBundle(Assessment assessment, RulePack pack, Inventory inventory, ScanSettings settings,
      AssessmentInputs inputs, ReportFormats registry, List<ReportWriter> requested, java.security.KeyPair signingKey,
      Redactor redactor, LiveOptions.Connected connected, dev.attest.assessment.LiveInputs collected) {
    PrintWriter stdout = spec.commandLine().getOut();
    Path bundleOut = spec.commandLine().getParseResult().hasMatchedOption("--out") ? out : Bundling.DEFAULT_OUT;
    List<ReportWriter> writers = new ArrayList<>(Bundling.writers(registry,
        requested == null ? null : requested.stream().map(ReportWriter::format).toList()));
    if (connected != null) {
      writers.add(connected.bundleRecord(collected, dev.attest.bundle.BundleWriter.SNAPSHOT_DIR));
    }
    BundleRequest request = new BundleRequest(assessment, writers, pack,
        new BundleRequest.Snapshot(inventory.objects(), new BundleSnapshot.Provenance(
            assessment.summary().scope().sources(), assessment.summary().completeness().problems(), inventory.size())),
        new BundleRequest.ScanConfig(assessment.summary().gate().failOn(),
            assessment.summary().gate().failOnControls(), settings.parameters),
        Bundling.registers(assessmentOptions.waivers, assessmentOptions.attestations, inputs,
            assessmentOptions.loadedBaseline, assessment.summary().gate()),
        bundleOptions.scopeName != null ? bundleOptions.scopeName
            : ScopeNames.derive(demo && snapshots.isEmpty(), assessment.summary().scope().subscriptions()),
        bundleOptions.period,
        BundleOptions.recordedCommandLine(spec.commandLine().getParseResult().originalArgs(), redactor),
        signingKey);
    new ConsoleSummary(quiet).print(assessment, List.of(), stdout);
    int written = new Bundling(java.time.Clock.systemUTC()).write(request, bundleOut, "attest scan", stdout,
        spec.commandLine().getErr());
    return written != Gate.OK ? written : assessment.summary().gate().exitCode();
  }
}
