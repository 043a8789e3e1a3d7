package dev.attest.live;

import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.rules.RulePackLoader;
import dev.attest.rules.Rule;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live-collection benchmark (issue 5; run by {@code bench/live.sh}, prints figures, not a
 * test): collects a generated tenant from the loopback emulator with Resource Graph's quota
 * enforced (15 requests per 5-second window unless told otherwise), Resource Manager's read
 * budget per subscription (250, refilled at 25 a second) and a latency on every reply,
 * and sets the wall time against the quota bound (Resource Graph pages needed ÷ the allowed rate).
 *
 * <pre>
 * java -cp target/attest.jar:target/test-classes dev.attest.live.LivePerf SUBS PER_SUB LATENCY_MS
 *     [--runs N] [--quota 15/5 | --no-quota] [--arm-budget 250/25 | --no-arm-budget]
 *     [--arm-concurrency N] [--per-subscription N]
 * </pre>
 */
public final class LivePerf {
  private LivePerf() {}

  /** One run's figures. */
  record Run(double seconds, int objects, long graphPages, long graphRequests, long armCalls, int graphThrottled,
      int armThrottled, long requests, double cpuSeconds, int problems, Map<String, Long> byKind) {}

  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    int runs = 1;
    int quota = 15;
    int window = 5;
    LiveSettings.Tuning defaults = LiveSettings.Tuning.defaults();
    int concurrency = defaults.concurrency();
    int perSubscription = defaults.perSubscription();
    // Resource Manager's documented read budget per subscription: 250, refilled at 25 a second.
    int budget = 250;
    double refill = 25;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--no-quota" -> quota = 0;
        case "--quota" -> {
          String[] q = args[++i].split("/");
          quota = Integer.parseInt(q[0]);
          window = Integer.parseInt(q[1]);
        }
        case "--arm-concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--per-subscription" -> perSubscription = Integer.parseInt(args[++i]);
        case "--no-arm-budget" -> budget = 0;
        case "--arm-budget" -> {
          String[] b = args[++i].split("/");
          budget = Integer.parseInt(b[0]);
          refill = Double.parseDouble(b[1]);
        }
        default -> positional.add(args[i]);
      }
    }
    int subscriptions = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 100;
    int perSub = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 2000;
    int latency = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 50;
    List<Rule> rules = RulePackLoader.load(RulePackLoader.bundledRoot()).rules();
    EmulatedTenant tenant = EmulatedTenant.generated(subscriptions, perSub);
    LiveSettings.Tuning tuning = defaults.withConcurrency(concurrency, perSubscription, defaults.graphConcurrency());
    LiveConnector connector = new LiveConnector(ArmEmulator.connector().credential(),
        EmulatorTls.httpClient(Duration.ofSeconds(60), LiveConnector.connections(tuning)));
    System.out.printf(Locale.ROOT, "[live] %d subscriptions x %,d resources (%,d objects, %,d of them only behind ARM), "
            + "%d ms latency, Resource Graph quota %s, ARM read budget %s, ARM %d in flight (%d per subscription); "
            + "%d cores, load %s%n",
        subscriptions, perSub, tenant.size(), tenant.armOnly(), latency,
        quota > 0 ? quota + " per " + window + " s" : "not enforced",
        budget > 0 ? budget + " refilled at " + refill + "/s per subscription" : "not enforced", concurrency, perSubscription,
        Runtime.getRuntime().availableProcessors(), load());
    List<Run> done = new ArrayList<>();
    for (int r = 1; r <= runs; r++) {
      Run run = once(tenant, rules, connector, tuning, latency, quota, window, budget, refill);
      done.add(run);
      double bound = quota > 0 ? run.graphPages() / ((double) quota / window) : Double.NaN;
      System.out.printf(Locale.ROOT, "[live] run %d: %,d objects in %.1f s; Resource Graph %d page(s) (%s);"
              + " 429s: Resource Graph %d, ARM %d; requests %,d (Resource Graph %d, ARM %,d); CPU %.0f s "
              + "(%.2f ms a request); problems %d; load %s%n", r, run.objects(), run.seconds(), run.graphPages(),
          quota > 0 ? String.format(Locale.ROOT, "quota bound %.1f s, ratio %.2f", bound, run.seconds() / bound)
              : "no quota enforced",
          run.graphThrottled(), run.armThrottled(), run.requests(), run.graphRequests(),
          run.armCalls(), run.cpuSeconds(), run.cpuSeconds() * 1000 / run.requests(), run.problems(), load());
    }
    Run first = done.get(0);
    double median = median(done.stream().map(Run::seconds).toList());
    double bound = quota > 0 ? first.graphPages() / ((double) quota / window) : Double.NaN;
    String boundText = quota > 0 ? String.format(Locale.ROOT, "quota bound %.1f s (pages / %.1f req/s)", bound,
        (double) quota / window) : "no quota enforced";
    System.out.printf(Locale.ROOT, "[live] RG pages needed %d; %s; wall %.1f s (median of %d: %s); ratio %s; 429s %d; "
            + "ARM calls %,d%n", first.graphPages(), boundText, median, runs,
        done.stream().map(x -> String.format(Locale.ROOT, "%.1f", x.seconds())).toList(),
        quota > 0 ? String.format(Locale.ROOT, "%.2f", median / bound) : "-",
        done.stream().mapToInt(x -> x.graphThrottled() + x.armThrottled()).max().orElse(0), first.armCalls());
    System.out.println("[live] requests by kind (run 1):");
    first.byKind().forEach((kind, count) -> System.out.printf(Locale.ROOT, "[live]   %-60s %,9d%n", kind, count));
    System.exit(0);
  }

  private static Run once(EmulatedTenant tenant, List<Rule> rules, LiveConnector connector, LiveSettings.Tuning tuning,
      int latency, int quota, int window, int budget, double refill) throws Exception {
    try (ArmEmulator emulator = ArmEmulator.start(tenant).latency(Duration.ofMillis(latency))) {
      if (quota > 0) {
        emulator.graphQuota(quota, Duration.ofSeconds(window));
      }
      if (budget > 0) {
        emulator.armReadBudget(budget, refill);
      }
      LiveSettings settings = new LiveSettings(new LiveScope(List.of(), List.of(EmulatedTenant.MANAGEMENT_GROUP), false,
          null), "AzureCloud", emulator.baseUrl(), AuthKind.CLI, tuning);
      long cpu = processCpuNanos();
      long start = System.nanoTime();
      LiveSource source = LiveSource.connect(settings, rules, connector, line -> { });
      Inventory inventory = new InventoryBuilder().read(source).build();
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
      if (System.getenv("LIVEPERF_THREADS") != null) {
        threadCpu();
      }
      Map<String, Long> byKind = new TreeMap<>();
      long graphPages = 0;
      long graphRequests = 0;
      for (ArmEmulator.Seen seen : emulator.seen()) {
        String kind = kind(seen.path());
        byKind.merge(kind, 1L, Long::sum);
        if (kind.equals("Resource Graph")) {
          graphRequests++;
          graphPages += seen.status() == 200 ? 1 : 0;
        }
      }
      long requests = emulator.seen().size();
      return new Run(seconds, inventory.size(), graphPages, graphRequests, requests - graphRequests,
          emulator.graphThrottled(), emulator.armThrottled(), requests, cpuSeconds, inventory.problems().size(), byKind);
    }
  }

  /** What a request reads: Resource Graph, or the ARM collection (extensions with the type they are on). */
  static String kind(String path) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    if (bare.equalsIgnoreCase("/providers/Microsoft.ResourceGraph/resources")) {
      return "Resource Graph";
    }
    String[] parts = bare.split("/");
    String last = parts[parts.length - 1];
    if (parts.length >= 4 && parts[parts.length - 3].equalsIgnoreCase("providers")) {
      return parts[parts.length - 2] + "/" + last + " on " + parts[parts.length - 5];
    }
    return parts.length >= 3 ? parts[parts.length - 3] + "/" + last : last;
  }

  /**
   * CPU seconds by thread-name family, JIT and GC threads included (Linux /proc; for finding where
   * the time goes: LIVEPERF_THREADS=1). Threads that have ended are not counted.
   */
  private static void threadCpu() {
    Map<String, Double> byFamily = new TreeMap<>();
    long tick = 100;
    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String name = Files.readString(task.resolve("comm")).trim().replaceAll("[-#]?\\d+", "");
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          double secs = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) tick;
          byFamily.merge(name, secs, Double::sum);
        } catch (Exception e) {
          // The thread ended while being read.
        }
      }
    } catch (Exception e) {
      System.out.println("[live]   no /proc: " + e.getMessage());
    }
    byFamily.entrySet().stream().filter(e -> e.getValue() >= 0.1).forEach(e ->
        System.out.printf(Locale.ROOT, "[live]   cpu %-28s %8.1f s%n", e.getKey(), e.getValue()));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String load() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (Exception e) {
      return "unknown";
    }
  }
}
