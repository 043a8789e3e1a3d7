package dev.attest.cli;

import dev.attest.bundle.RedactingSource;
import dev.attest.bundle.Redactor;
import dev.attest.inventory.InventorySource;
import dev.attest.inventory.SnapshotRecorder;
import dev.attest.live.AuthKind;
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

  boolean requested() {
    return !subscriptions.isEmpty() || allSubscriptions || !managementGroups.isEmpty();
  }

  /** Connects (settings check and first token) and returns the source, wrapped to save a snapshot if asked. */
  Connected connect(RulePack pack, LiveConnector injected, PrintWriter err, boolean quiet, Redactor redactor)
      throws LiveFailure {
    AuthKind kind = AuthKind.parse(auth).orElseThrow(() -> new LiveFailure(false,
        "--auth " + auth + ": unknown (default, cli, env, managed-identity, workload-identity)"));
    LiveSettings settings = new LiveSettings(new LiveScope(subscriptions, managementGroups, allSubscriptions, tenant),
        cloud, armEndpoint, kind, LiveSettings.Tuning.defaults());
    LiveConnector connector = injected != null ? injected : LiveConnector.forSettings(settings);
    LiveSource live = LiveSource.connect(settings, pack.rules(), connector, line -> {
      if (!quiet) {
        err.println(line);
        err.flush();
      }
    });
    // Redacted as read, like every source; the snapshot records exactly what is evaluated.
    InventorySource redacted = new RedactingSource(live, redactor);
    InventorySource source = saveSnapshot == null ? redacted : new SnapshotRecorder(redacted, saveSnapshot, new ObjectMapper());
    return new Connected(live, source);
  }

  /** The live source and what to read (the same source, or it wrapped to save a snapshot). */
  record Connected(LiveSource live, InventorySource source) {
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
