package dev.attest.report.json;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.attest.bundle.Redactor;
import dev.attest.engine.Engine;
import dev.attest.engine.Finding;
import dev.attest.engine.ReadPlan;
import dev.attest.inventory.DemoTenantSource;
import dev.attest.inventory.Inventory;
import dev.attest.inventory.InventoryBuilder;
import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
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

/** Serialising the demo tenant's findings as findings.json lines. Run with bench/jmh.sh. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FindingsBenchmarks {
  private List<Finding> findings;
  private ObjectWriter compact;

  @Setup(Level.Trial)
  public void demo() {
    RulePack pack = RulePackLoader.load(RulePackLoader.bundledRoot());
    Inventory inventory = new InventoryBuilder(Redactor.keepingPairs(ReadPlan.builder(pack.rules())).build(), new Redactor()::redactOwned)
        .read(new DemoTenantSource(new com.fasterxml.jackson.databind.ObjectMapper())).build();
    findings = new Engine(Map.of()).evaluate(pack.rules(), inventory);
    compact = JsonReportWriter.documentMapper().writer();
  }

  @Benchmark
  public long serialiseEveryFinding() throws Exception {
    long bytes = 0;
    for (Finding finding : findings) {
      bytes += compact.writeValueAsBytes(finding).length;
    }
    return bytes;
  }
}
