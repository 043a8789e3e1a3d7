package dev.attest.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.bundle.Redactor;
import dev.attest.generate.GenerateRequest;
import dev.attest.generate.OutputFormat;
import dev.attest.generate.TenantGenerator;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.inventory.SnapshotSource;
import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Evaluating the whole rule pack over a lean 20k-object inventory, and the finding id alone. Run with bench/jmh.sh. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmarks {
  private RulePack pack;
  private Inventory inventory;
  private Engine engine;

  @Setup(Level.Trial)
  public void tenant() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    Path dir = Files.createTempDirectory("attest-jmh");
    new TenantGenerator(mapper).generate(new GenerateRequest(20_000, 4, 1, dir, OutputFormat.JSONL));
    pack = RulePackLoader.load(RulePackLoader.bundledRoot());
    inventory = new InventoryBuilder(Redactor.keepingPairs(ReadPlan.builder(pack.rules())).build(), new Redactor()::redactOwned)
        .read(new SnapshotSource(List.of(dir), mapper)).build();
    engine = new Engine(Map.of());
  }

  @Benchmark
  public long evaluateEveryRule() {
    long[] findings = {0};
    engine.evaluate(pack.rules(), inventory, (rule, batch) -> findings[0] += batch.size());
    return findings[0];
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String findingId() {
    return Engine.findingId("AZ-NET-0001", "/subscriptions/dca0c749-0c86-4000-8000-000000000001/resourceGroups/"
        + "rg-clinical-data-g0/providers/Microsoft.Network/networkSecurityGroups/nsg-clinical-g0");
  }
}
