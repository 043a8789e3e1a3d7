package dev.attest.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attest.bundle.Redactor;
import dev.attest.engine.ReadPlan;
import dev.attest.generate.GenerateRequest;
import dev.attest.generate.OutputFormat;
import dev.attest.generate.TenantGenerator;
import dev.attest.rules.RulePackLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

/**
 * The inventory's inner loops over a generated 20k-object tenant: sorting its ids, fingerprinting
 * reference chains, redacting, pruning and encoding bodies, and decoding them for evaluation.
 * Run with bench/jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InventoryBenchmarks {
  private final ObjectMapper mapper = new ObjectMapper();
  private String[] ids;
  private List<ObjectNode> bodies;
  private List<String> types;
  private Retention retention;
  private Redactor redactor;
  private BodyCodec codec;
  private List<byte[]> encoded;

  @Setup(Level.Trial)
  public void tenant() throws Exception {
    Path dir = Files.createTempDirectory("attest-jmh");
    new TenantGenerator(mapper).generate(new GenerateRequest(20_000, 4, 1, dir, OutputFormat.JSONL));
    bodies = new ArrayList<>();
    types = new ArrayList<>();
    for (Path file : Files.list(dir).sorted().toList()) {
      for (String line : Files.readAllLines(file)) {
        ObjectNode body = (ObjectNode) mapper.readTree(line);
        bodies.add(body);
        types.add(body.get("type").asText().toLowerCase());
      }
    }
    ids = bodies.stream().map(b -> b.get("id").asText()).toArray(String[]::new);
    retention = Redactor.keepingPairs(ReadPlan.builder(RulePackLoader.load(RulePackLoader.bundledRoot()).rules())).build();
    redactor = new Redactor();
    codec = new BodyCodec();
    encoded = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      encoded.add(codec.encode(retention.prune(types.get(i), bodies.get(i))));
    }
  }

  @Benchmark
  public int[] sortIds() {
    int[] order = new int[ids.length];
    Arrays.setAll(order, i -> i);
    IdIndex.sort(ids, order);
    return order;
  }

  @Benchmark
  public long fingerprintChains() {
    long[] out = new long[256];
    long sum = 0;
    for (String id : ids) {
      sum += IdHash.chain(id, out, 0);
    }
    return sum;
  }

  @Benchmark
  public long redactWhole() {
    long sum = 0;
    for (ObjectNode body : bodies) {
      sum += redactor.redact(body).size();
    }
    return sum;
  }

  @Benchmark
  public long pruneAndEncode() {
    long sum = 0;
    for (int i = 0; i < bodies.size(); i++) {
      JsonNode kept = retention.prune(types.get(i), bodies.get(i));
      sum += codec.encode(kept).length;
    }
    return sum;
  }

  @Benchmark
  public long decode() {
    long sum = 0;
    for (byte[] body : encoded) {
      sum += codec.decode(body).size();
    }
    return sum;
  }

  @Benchmark
  public long contentHash() {
    long sum = 0;
    for (ObjectNode body : bodies) {
      sum += ContentHash.of(body);
    }
    return sum;
  }
}
