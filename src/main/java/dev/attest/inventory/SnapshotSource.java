package dev.attest.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    parts().forEach(part -> part.readInto(sink));
  }

  /** One part per file (folders listed in a stable order), or per path that cannot be read. */
  @Override
  public List<InventorySource> parts() {
    List<InventorySource> parts = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        parts.add(new Unreadable(path, "does not exist"));
      } else if (Files.isDirectory(path)) {
        listFolder(path, parts);
      } else {
        parts.add(new OneFile(path));
      }
    }
    return parts;
  }

  private void listFolder(Path folder, List<InventorySource> parts) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      // Links are kept too (a broken one is not a regular file), so a dangling link is reported, not skipped.
      files = walk.filter(p -> Files.isRegularFile(p) || Files.isSymbolicLink(p)).filter(SnapshotSource::isSnapshotFile)
          .sorted().toList();
    } catch (IOException e) {
      parts.add(new Unreadable(folder, "cannot be listed: " + e.getMessage()));
      return;
    }
    if (files.isEmpty()) {
      parts.add(new Unreadable(folder, "holds no .json, .jsonl or .ndjson file"));
    }
    files.forEach(file -> parts.add(new OneFile(file)));
  }

  /** One snapshot file. */
  private final class OneFile implements InventorySource {
    private final Path file;

    OneFile(Path file) {
      this.file = file;
    }

    @Override
    public String describe() {
      return file.toString();
    }

    @Override
    public void readInto(InventorySink sink) {
      readFile(file, sink);
    }
  }

  /** A path that yields only the problem it has. */
  private record Unreadable(Path path, String problem) implements InventorySource {
    @Override
    public String describe() {
      return path.toString();
    }

    @Override
    public void readInto(InventorySink sink) {
      sink.problem(new SourceProblem(path.toString(), 0, 0, problem));
    }
  }

  private void readFile(Path file, InventorySink sink) {
    if (!Files.exists(file)) {
      sink.problem(new SourceProblem(file.toString(), 0, 0, "is a symbolic link whose target does not exist"));
      return;
    }
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
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
