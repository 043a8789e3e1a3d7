package dev.attest.cli;

import dev.attest.bundle.RedactingSource;
import dev.attest.bundle.Redactor;
import dev.attest.inventory.InventorySource;
import dev.attest.inventory.SnapshotRecorder;
import dev.attest.assessment.CollectionCoverage;
import dev.attest.assessment.LiveInputs;
import dev.attest.evidence.EvidenceResult;
import dev.attest.evidence.ReportingPeriod;
import dev.attest.inventory.Inventory;
import dev.attest.live.AuthKind;
import dev.attest.live.Coverage;
import dev.attest.live.Progress;
import dev.attest.policy.PolicyStates;
import java.time.Duration;
import java.util.TreeMap;
import dev.attest.live.LiveConnector;
import dev.attest.live.LiveFailure;
import dev.attest.live.LiveScope;
import dev.attest.live.LiveSettings;
import dev.attest.live.LiveSource;
import dev.attest.rules.RulePack;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The live-scan options of {@code attest scan}. Nothing here touches the Azure SDK until a live
 * scope is given, so offline scans never load it.
 */
final class LiveOptions {
  @Option(names = "--subscription", paramLabel = "ID", description = "Scan this Azure subscription live (repeatable).")
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
      description = "Also write what a live scan read (secrets redacted) to DIR/inventory.jsonl for offline re-scans.")
  Path saveSnapshot;

  @Option(names = "--policy-states", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Read Azure Policy's latest compliance states and exemptions as a second opinion "
          + "(default on for live scans; --no-policy-states skips them).")
  boolean policyStates = true;

  @Option(names = "--logs-endpoint", paramLabel = "URL",
      description = "Log Analytics query API root (default: the cloud's, e.g. https://api.loganalytics.io/v1); https only.")
  String logsEndpoint;

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
    LiveSettings settings = new LiveSettings(new LiveScope(subscriptions, managementGroups, allSubscriptions, tenant),
        cloud, armEndpoint, kind, LiveSettings.Tuning.defaults(), logsEndpoint);
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
    InventorySource redacted = new RedactingSource(live, redactor);
    InventorySource source = saveSnapshot == null ? redacted : new SnapshotRecorder(redacted, saveSnapshot, new ObjectMapper());
    return new Connected(live, source, progress.start(), policyStates);
  }

  /**
   * The live source, what to read (the same source, or it wrapped to save a snapshot), the
   * progress display, and whether to read Azure Policy's states.
   */
  record Connected(LiveSource live, InventorySource source, Progress progress, boolean policyStates) {
    /**
     * The reads after the inventory (Azure Policy, log evidence for {@code period} when given),
     * then the coverage of everything as the findings summary carries it.
     */
    LiveInputs collect(Inventory inventory, RulePack pack, ReportingPeriod period) {
      try (progress) {
        PolicyStates policy = policyStates ? live.readPolicy(inventory.subscriptionIds()) : null;
        List<EvidenceResult> evidence = period == null ? null
            : live.readEvidence(pack.evidence(), inventory.ofType("Microsoft.OperationalInsights/workspaces"), period);
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

    /** Writes every read's coverage next to the findings, for the record of what was collected. */
    void writeCoverage(Path out) throws IOException {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("scopes", live.scopes());
      document.put("reads", live.coverage());
      document.put("requests", live.traffic().requests());
      document.put("throttled", live.traffic().throttled());
      Files.createDirectories(out);
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve("coverage.json").toFile(), document);
    }
  }
}
