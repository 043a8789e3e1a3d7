package dev.attest.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Wraps a source so that everything it delivers is also written to {@code DIR/inventory.jsonl}:
 * a snapshot that {@link SnapshotSource} reads back to the same inventory ({@code --save-snapshot}).
 * It records what it is given, so wrap a redacting source. A write failure is a problem of the scan.
 */
public final class SnapshotRecorder implements InventorySource {
  public static final String FILE_NAME = "inventory.jsonl";
  private final InventorySource source;
  private final Path folder;
  private final ObjectMapper mapper;

  public SnapshotRecorder(InventorySource source, Path folder, ObjectMapper mapper) {
    this.source = source;
    this.folder = folder;
    this.mapper = mapper;
  }

  @Override
  public String describe() {
    return source.describe();
  }

  @Override
  public void readInto(InventorySink sink) {
    Path file = folder.resolve(FILE_NAME);
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      sink.problem(new SourceProblem(folder.toString(), 0, 0, "cannot create the snapshot folder: " + e.getMessage()));
      source.readInto(sink);
      return;
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      Tee tee = new Tee(sink, out, file);
      source.readInto(tee);
      if (tee.failure != null) {
        sink.problem(new SourceProblem(file.toString(), 0, 0, "snapshot is incomplete: " + tee.failure));
      }
    } catch (IOException e) {
      sink.problem(new SourceProblem(file.toString(), 0, 0, "cannot be written: " + e.getMessage()));
    }
  }

  /** Delivers to the scan and writes one JSON line per object. */
  private final class Tee implements InventorySink {
    private final InventorySink sink;
    private final BufferedWriter out;
    private final Path file;
    private String failure;

    Tee(InventorySink sink, BufferedWriter out, Path file) {
      this.sink = sink;
      this.out = out;
      this.file = file;
    }

    @Override
    public void accept(ArmObject object, String origin) {
      sink.accept(object, origin);
      if (failure != null) {
        return;
      }
      try {
        out.write(mapper.writeValueAsString(object.body()));
        out.write('\n');
      } catch (IOException e) {
        failure = "writing " + file + " failed: " + e.getMessage();
      }
    }

    @Override
    public void problem(SourceProblem problem) {
      sink.problem(problem);
    }
  }
}
