package dev.attest.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.attest.inventory.ArmObject;
import dev.attest.inventory.InventorySink;
import dev.attest.inventory.InventorySource;
import dev.attest.inventory.SnapshotParser;
import dev.attest.inventory.SourceProblem;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The snapshot folder of a bundle: every (redacted) ARM object the scan evaluated, one per line in
 * {@value #OBJECTS}, and {@value #PROVENANCE} recording what the original scan read and which input
 * problems it met. Scanning the folder replays that provenance, so the findings it gives are
 * byte-identical to the bundle's own (the sources and problems are part of the findings document).
 */
public final class BundleSnapshot {
  public static final String OBJECTS = "objects.jsonl";
  public static final String PROVENANCE = "provenance.yaml";

  private final ObjectMapper json;
  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  public BundleSnapshot(ObjectMapper json) {
    this.json = json;
  }

  /** What the original scan read: source descriptions, input problems as described, object count. */
  public record Provenance(List<String> sources, List<String> problems, int objects) {
    public Provenance {
      sources = List.copyOf(sources);
      problems = List.copyOf(problems);
    }
  }

  /** Whether a folder is a bundle's snapshot folder. */
  public static boolean isBundleSnapshot(Path folder) {
    return Files.isRegularFile(folder.resolve(PROVENANCE)) && Files.isRegularFile(folder.resolve(OBJECTS));
  }

  /** Writes the objects (redacted again here, so nothing unredacted is written whatever the caller did). */
  public void write(Path folder, Collection<ArmObject> objects, Provenance provenance, Redactor redactor)
      throws IOException {
    Files.createDirectories(folder);
    ObjectWriter line = json.writer();
    try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(OBJECTS), StandardCharsets.UTF_8)) {
      for (ArmObject object : objects) {
        out.write(line.writeValueAsString(redactor.redact(object.body())));
        out.write('\n');
      }
    }
    yaml.writeValue(folder.resolve(PROVENANCE).toFile(), provenance);
  }

  /**
   * The sources to scan for a bundle snapshot folder: one per originally recorded source, so the
   * inventory lists the same sources; the first carries every object and the recorded problems
   * (which source each object came from is not recorded, and the inventory does not need it).
   */
  public List<InventorySource> sources(Path folder) throws IOException {
    Provenance provenance = yaml.readValue(folder.resolve(PROVENANCE).toFile(), Provenance.class);
    List<InventorySource> sources = new ArrayList<>();
    List<String> descriptions = provenance.sources().isEmpty()
        ? List.of("bundle snapshot " + folder) : provenance.sources();
    for (int i = 0; i < descriptions.size(); i++) {
      sources.add(new Recorded(descriptions.get(i), i == 0 ? folder.resolve(OBJECTS) : null,
          i == 0 ? provenance.problems() : List.of()));
    }
    return sources;
  }

  /** One recorded source: its original description, the objects file, the problems it reported. */
  private final class Recorded implements InventorySource {
    private final String description;
    private final Path objects;
    private final List<String> problems;

    Recorded(String description, Path objects, List<String> problems) {
      this.description = description;
      this.objects = objects;
      this.problems = problems;
    }

    @Override
    public String describe() {
      return description;
    }

    @Override
    public void readInto(InventorySink sink) {
      for (String problem : problems) {
        sink.problem(replay(problem));
      }
      if (objects == null) {
        return;
      }
      try (InputStream in = Files.newInputStream(objects)) {
        new SnapshotParser(json).parse(objects.toString(), in, true, sink);
      } catch (IOException e) {
        sink.problem(new SourceProblem(objects.toString(), 0, 0, "cannot be read: " + e.getMessage()));
      }
    }
  }

  /**
   * A problem rebuilt from its described form {@code place: message}; with line 0 it describes
   * itself as {@code file + ": " + message}, which gives back exactly the recorded text.
   */
  static SourceProblem replay(String described) {
    int split = described.indexOf(": ");
    return split < 0 ? new SourceProblem(described, 0, 0, "")
        : new SourceProblem(described.substring(0, split), 0, 0, described.substring(split + 2));
  }
}
