package dev.attest.live;

import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.rules.RulePackLoader;
import java.time.Duration;
import java.util.List;

/**
 * Measures live collection from the emulator (run by hand, prints figures; not a test):
 * {@code java -cp target/test-classes:target/classes:$(cat cp-test.txt) dev.attest.live.LivePerf 50 2000 50 16}
 * = subscriptions, resources per subscription, latency in ms, ARM concurrency.
 */
public final class LivePerf {
  private LivePerf() {}

  public static void main(String[] args) throws Exception {
    int subscriptions = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int perSubscription = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int latency = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : LiveSettings.Tuning.defaults().concurrency();
    EmulatedTenant tenant = EmulatedTenant.generated(subscriptions, perSubscription);
    try (ArmEmulator emulator = ArmEmulator.start(tenant).latency(Duration.ofMillis(latency))) {
      LiveSettings settings = new LiveSettings(new LiveScope(List.of(), List.of(EmulatedTenant.MANAGEMENT_GROUP), false, null),
          "AzureCloud", emulator.baseUrl(), AuthKind.CLI,
          LiveSettings.Tuning.defaults().withConcurrency(concurrency, LiveSettings.Tuning.PER_SUBSCRIPTION, LiveSettings.Tuning.defaults().graphConcurrency()));
      long start = System.nanoTime();
      LiveSource source = LiveSource.connect(settings, RulePackLoader.load(RulePackLoader.bundledRoot()).rules(),
          ArmEmulator.connector(), System.out::println);
      Inventory inventory = new InventoryBuilder().read(source).build();
      double seconds = (System.nanoTime() - start) / 1e9;
      long graph = emulator.count("/providers/Microsoft.ResourceGraph/resources");
      System.out.printf("[PERF] %d subscriptions x %d resources, %d ms latency, ARM concurrency %d:%n",
          subscriptions, perSubscription, latency, concurrency);
      System.out.printf("[PERF] %d objects (%d in the tenant, %d behind ARM list calls) in %.1f s; %d requests "
              + "(%d Resource Graph, %d ARM); problems %d%n", inventory.size(), tenant.size(), tenant.armOnly(), seconds,
          emulator.seen().size(), graph, emulator.seen().size() - graph, inventory.problems().size());
    }
    System.exit(0);
  }
}
