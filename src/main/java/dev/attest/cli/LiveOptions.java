package dev.attest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.assessment.CollectionCoverage;
import dev.attest.assessment.LiveInputs;
import dev.attest.bundle.RedactingSource;
import dev.attest.bundle.Redactor;
import dev.attest.evidence.EvidenceResult;
import dev.attest.evidence.ReportingPeriod;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventorySource;
import dev.attest.inventory.SnapshotRecorder;
import dev.attest.live.AuthKind;
import dev.attest.live.Coverage;
import dev.attest.live.LiveConnector;
import dev.attest.live.LiveFailure;
import dev.attest.live.LiveScope;
import dev.attest.live.LiveSettings;
import dev.attest.live.LiveSource;
import dev.attest.live.Progress;
import dev.attest.policy.PolicyStates;
import dev.attest.report.ReportWriter;
import dev.attest.assessment.Assessment;
import dev.attest.rules.RulePack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The live-scan options of {@code attest scan}. Nothing here touches the Azure SDK until a live
 * scope is given, so offline scans never load it.
 */
final class LiveOptions {
  private static final Pattern GUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  @Option(names = "--subscription", paramLabel = "ID", description = "Scan this Azure subscription live (repeatable; a GUID).")
  List<String> subscriptions = new ArrayList<>();

  @Option(names = "--all-subscriptions", description = "Scan every subscription the identity can read.")
  boolean allSubscriptions;

  @Option(names = "--management-group", paramLabel = "ID",
      description = "Scan every subscription below this management group, and its role assignments (repeatable).")
  List<String> managementGroups = new ArrayList<>();

  @Option(names = "--tenant", paramLabel = "ID", description = "Microsoft Entra tenant to sign in to.")
  String tenant;

  @Option(names = "--cloud", paramLabel = "NAME", defaultValue = "AzureCloud",
      description = "AzureCloud (default), AzureUSGovernment or AzureChinaCloud.")
  String cloud;

  @Option(names = "--arm-endpoint", paramLabel = "URL",
      description = "Resource Manager endpoint of a custom cloud (Azure Stack Hub) or an emulator; https only.")
  String armEndpoint;

  @Option(names = "--auth", paramLabel = "KIND", defaultValue = "default",
      description = "Credential: default (DefaultAzureCredential), cli, env, managed-identity, workload-identity.")
  String auth;

  @Option(names = "--save-snapshot", paramLabel = "DIR",
      description = "Also write what a live scan read (secrets redacted) to DIR: inventory.jsonl, coverage.json and "
          + "the Azure Policy states and log evidence, so that scanning DIR offline gives the same findings.")
  Path saveSnapshot;

  @Option(names = "--policy-states", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Read Azure Policy's latest compliance states and exemptions as a second opinion "
          + "(default on for live scans; --no-policy-states skips them).")
  boolean policyStates = true;

  @Option(names = "--policy-initiative", paramLabel = "NAME",
      description = "Read the policy states of this initiative (policy set definition name or id; repeatable; "
          + "* for every state). Default: the HITRUST/HIPAA initiative and every Regulatory Compliance one.")
  List<String> policyInitiatives = new ArrayList<>();

  @Option(names = "--logs-endpoint", paramLabel = "URL",
      description = "Log Analytics query API root (default: the cloud's, e.g. https://api.loganalytics.io/v1); https only.")
  String logsEndpoint;

  @Option(names = "--arm-concurrency", paramLabel = "N",
      description = "ARM reads in flight in all (default: " + LiveSettings.Tuning.CONCURRENCY + ").")
  Integer armConcurrency;

  @Option(names = "--arm-concurrency-per-subscription", paramLabel = "N",
      description = "ARM reads in flight for one subscription, which ARM throttles on its own (default: "
          + LiveSettings.Tuning.PER_SUBSCRIPTION + ").")
  Integer armPerSubscription;

  boolean requested() {
    return !subscriptions.isEmpty() || allSubscriptions || !managementGroups.isEmpty();
  }

  /** Connects (settings check and first token) and returns the source, wrapped to save a snapshot if asked. */
  Connected connect(RulePack pack, LiveConnector injected, PrintWriter err, boolean quiet, Redactor redactor)
      throws LiveFailure {
    return connect(pack, injected, err, quiet, redactor, System.console() != null);
  }

  /** As above; {@code terminal} chooses the one updating progress line over periodic log lines. */
  Connected connect(RulePack pack, LiveConnector injected, PrintWriter err, boolean quiet, Redactor redactor,
      boolean terminal) throws LiveFailure {
    AuthKind kind = AuthKind.parse(auth).orElseThrow(() -> new LiveFailure(false,
        "--auth " + auth + ": unknown (default, cli, env, managed-identity, workload-identity)"));
    for (String subscription : subscriptions) {
      if (!GUID.matcher(subscription.trim()).matches()) {
        throw new LiveFailure(false, "--subscription " + subscription + ": not a subscription id (a GUID such as "
            + "00000000-0000-0000-0000-000000000000; `az account list -o table` lists yours)");
      }
    }
    LiveSettings.Tuning defaults = LiveSettings.Tuning.defaults();
    int total = armConcurrency == null ? defaults.concurrency() : armConcurrency;
    int each = armPerSubscription == null ? defaults.perSubscription() : armPerSubscription;
    if (total < 1 || each < 1) {
      throw new LiveFailure(false, "--arm-concurrency and --arm-concurrency-per-subscription must be at least 1");
    }
    LiveSettings settings = new LiveSettings(new LiveScope(subscriptions, managementGroups, allSubscriptions, tenant),
        cloud, armEndpoint, kind, defaults.withConcurrency(total, Math.min(each, total), defaults.graphConcurrency()),
        logsEndpoint);
    LiveConnector connector = injected != null ? injected : LiveConnector.forSettings(settings);
    Progress progress = quiet ? Progress.silent() : new Progress(text -> {
      synchronized (err) {
        err.print(text);
        err.flush();
      }
    }, terminal, terminal ? Duration.ofMillis(250) : Duration.ofSeconds(15));
    LiveSource live = LiveSource.connect(settings, pack.rules(), connector, line -> {
      if (!quiet) {
        synchronized (err) {
          // On a terminal the phase line replaces the progress line rather than trailing it.
          err.print(terminal ? "\r" + line + System.lineSeparator() : line + System.lineSeparator());
          err.flush();
        }
      }
    }, progress);
    // Redacted as read, like every source; the snapshot records exactly what is evaluated.
    LiveRecord.Problems recorded = new LiveRecord.Problems(new RedactingSource(live, redactor));
    InventorySource source = saveSnapshot == null ? recorded
        : new SnapshotRecorder(recorded, saveSnapshot, new ObjectMapper());
    return new Connected(live, source, recorded, progress.start(), policyStates, List.copyOf(policyInitiatives),
        redactor, saveSnapshot);
  }

  /**
   * The live source, what to read (the same source, or it wrapped to save a snapshot), the
   * problems it reported, the progress display, whether (and which) Azure Policy states to read,
   * the scan's redactor, and where the snapshot goes (null: nowhere).
   */
  record Connected(LiveSource live, InventorySource source, LiveRecord.Problems recorded, Progress progress,
      boolean policyStates, List<String> policyInitiatives, Redactor redactor, Path saveSnapshot) {
    /**
     * The reads after the inventory (Azure Policy, log evidence for {@code period} when given),
     * then the coverage of everything as the findings summary carries it. Policy data and log
     * rows go through the scan's redactor before anything else sees them.
     */
    LiveInputs collect(Inventory inventory, RulePack pack, ReportingPeriod period) {
      try (progress) {
        PolicyStates policy = policyStates ? LiveRedaction.policy(
            live.readPolicy(inventory.subscriptionIds(), policyInitiatives), redactor) : null;
        List<EvidenceResult> evidence = period == null ? null : LiveRedaction.evidence(
            live.readEvidence(pack.evidence(), inventory.ofType("Microsoft.OperationalInsights/workspaces"), period),
            redactor);
        return new LiveInputs(coverage(), live.extraProblems(), policy, evidence);
      }
    }

    /** Per scope its status and reason; per kind of read the count of reads in each status. */
    CollectionCoverage coverage() {
      List<CollectionCoverage.Scope> scopes = live.scopes().stream()
          .map(c -> new CollectionCoverage.Scope(c.scope(), c.status().label(), c.reason())).toList();
      Map<String, Map<String, Integer>> reads = new TreeMap<>();
      for (Coverage c : live.coverage()) {
        reads.computeIfAbsent(c.read(), k -> new TreeMap<>()).merge(c.status().label(), 1, Integer::sum);
      }
      return new CollectionCoverage(scopes, reads);
    }

    /** Every read's coverage, the record of what was collected (written as coverage.json). */
    Map<String, Object> coverageDocument() {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("scopes", live.scopes());
      document.put("reads", live.coverage());
      document.put("requests", live.traffic().requests());
      document.put("throttled", live.traffic().throttled());
      return document;
    }

    /** Writes coverage.json next to the findings. */
    void writeCoverage(Path out) throws IOException {
      Files.createDirectories(out);
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve(LiveRecord.COVERAGE).toFile(),
          coverageDocument());
    }

    /** Writes the whole record beside a saved snapshot (--save-snapshot), if one is being saved. */
    void saveRecord(LiveInputs inputs) throws IOException {
      if (saveSnapshot != null) {
        new LiveRecord(new ObjectMapper()).write(saveSnapshot, coverageDocument(), inputs, source.describe(),
            recorded.seen());
      }
    }

    /**
     * A writer that puts the collection's record into a bundle: coverage.json beside the reports,
     * and the record a re-scan of the bundle's snapshot replays (the snapshot folder itself
     * replays the inventory's sources and problems).
     */
    ReportWriter bundleRecord(LiveInputs inputs, String snapshotDir) {
      LiveInputs replayed = new LiveInputs(inputs.coverage(), List.of(), inputs.policy(), inputs.evidence());
      return new ReportWriter() {
        @Override
        public String format() {
          return "coverage";
        }

        @Override
        public Path write(Assessment assessment, Path outputDir) throws IOException {
          ObjectMapper mapper = new ObjectMapper();
          Path file = outputDir.resolve(LiveRecord.COVERAGE);
          mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), coverageDocument());
          new LiveRecord(mapper).write(outputDir.resolve(snapshotDir), coverageDocument(), replayed, null, List.of());
          return file;
        }
      };
    }
  }
}
