package dev.attest.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The synthetic "Contoso Health" tenant shipped inside the jar, listed by its index.txt. */
public final class DemoTenantSource implements InventorySource {
  private static final String ROOT = "/demo/contoso-health/";
  private final SnapshotParser parser;

  public DemoTenantSource(ObjectMapper mapper) {
    this.parser = new SnapshotParser(mapper);
  }

  @Override
  public String describe() {
    return "embedded demo tenant (Contoso Health, synthetic)";
  }

  @Override
  public void readInto(InventorySink sink) {
    for (String file : files()) {
      try (InputStream in = DemoTenantSource.class.getResourceAsStream(ROOT + file)) {
        if (in == null) {
          sink.problem(new SourceProblem("demo:" + file, 0, 0, "is listed in the demo index but missing"));
          continue;
        }
        parser.parse("demo:" + file, in, SnapshotSource.isJsonLines(file), sink);
      } catch (IOException e) {
        sink.problem(new SourceProblem("demo:" + file, 0, 0, "cannot be read: " + e.getMessage()));
      }
    }
  }

  /** The demo data files, in the order the index lists them. */
  public static List<String> files() {
    try (InputStream in = DemoTenantSource.class.getResourceAsStream(ROOT + "index.txt")) {
      if (in == null) {
        throw new IllegalStateException("the demo tenant is missing from this build");
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
          .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    } catch (IOException e) {
      throw new IllegalStateException("the demo index cannot be read", e);
    }
  }
}
