package dev.attest.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Exported snapshot files and folders (read recursively, in a stable order). */
public final class SnapshotSource implements InventorySource {
  private final List<Path> paths;
  private final SnapshotParser parser;

  public SnapshotSource(List<Path> paths, ObjectMapper mapper) {
    this.paths = List.copyOf(paths);
    this.parser = new SnapshotParser(mapper);
  }

  @Override
  public String describe() {
    return "snapshot " + String.join(", ", paths.stream().map(Path::toString).toList());
  }

  @Override
  public void readInto(InventorySink sink) {
    for (Path path : paths) {
      if (!Files.exists(path)) {
        sink.problem(new SourceProblem(path.toString(), 0, 0, "does not exist"));
      } else if (Files.isDirectory(path)) {
        readFolder(path, sink);
      } else {
        readFile(path, sink);
      }
    }
  }

  private void readFolder(Path folder, InventorySink sink) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      // Links are kept too (a broken one is not a regular file), so a dangling link is reported, not skipped.
      files = walk.filter(p -> Files.isRegularFile(p) || Files.isSymbolicLink(p)).filter(SnapshotSource::isSnapshotFile)
          .sorted().toList();
    } catch (IOException e) {
      sink.problem(new SourceProblem(folder.toString(), 0, 0, "cannot be listed: " + e.getMessage()));
      return;
    }
    if (files.isEmpty()) {
      sink.problem(new SourceProblem(folder.toString(), 0, 0, "holds no .json, .jsonl or .ndjson file"));
    }
    files.forEach(file -> readFile(file, sink));
  }

  private void readFile(Path file, InventorySink sink) {
    if (!Files.exists(file)) {
      sink.problem(new SourceProblem(file.toString(), 0, 0, "is a symbolic link whose target does not exist"));
      return;
    }
    try (InputStream in = Files.newInputStream(file)) {
      parser.parse(file.toString(), in, isJsonLines(file.getFileName().toString()), sink);
    } catch (IOException e) {
      sink.problem(new SourceProblem(file.toString(), 0, 0, "cannot be read: " + e.getMessage()));
    }
  }

  static boolean isSnapshotFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".json") || isJsonLines(name);
  }

  static boolean isJsonLines(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".jsonl") || lower.endsWith(".ndjson");
  }
}
