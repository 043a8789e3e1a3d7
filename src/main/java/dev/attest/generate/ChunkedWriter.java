package dev.attest.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes objects into numbered files of bounded size: JSON Lines, or Resource Graph pages whose
 * {@code count} is known up front because the total is.
 */
final class ChunkedWriter implements AutoCloseable {
  private final Path folder;
  private final OutputFormat format;
  private final int total;
  private final List<Path> files = new ArrayList<>();
  private Writer current;
  private int inFile;
  private int written;
  private long bytes;

  ChunkedWriter(Path folder, OutputFormat format, int total) throws IOException {
    this.folder = folder;
    this.format = format;
    this.total = total;
    Files.createDirectories(folder);
  }

  boolean full() {
    return written >= total;
  }

  void write(CharSequence json) throws IOException {
    if (current == null || inFile == format.objectsPerFile()) {
      closeFile();
      open();
    }
    if (format == OutputFormat.RESOURCE_GRAPH && inFile > 0) {
      current.write(",\n");
    }
    current.append(json);
    if (format == OutputFormat.JSONL) {
      current.write('\n');
    }
    inFile++;
    written++;
  }

  private void open() throws IOException {
    int index = files.size() + 1;
    Path file = folder.resolve(String.format(Locale.ROOT, format == OutputFormat.JSONL ? "tenant-%05d.jsonl"
        : "page-%05d.json", index));
    files.add(file);
    current = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    inFile = 0;
    if (format == OutputFormat.RESOURCE_GRAPH) {
      int count = Math.min(format.objectsPerFile(), total - written);
      current.write("{\"count\": " + count + ", \"data\": [\n");
    }
  }

  private void closeFile() throws IOException {
    if (current == null) {
      return;
    }
    if (format == OutputFormat.RESOURCE_GRAPH) {
      current.write("\n]}\n");
    }
    current.close();
    current = null;
    bytes += Files.size(files.get(files.size() - 1));
  }

  void finish() throws IOException {
    closeFile();
  }

  int objects() {
    return written;
  }

  List<Path> files() {
    return files;
  }

  long bytes() {
    return bytes;
  }

  @Override
  public void close() throws IOException {
    closeFile();
  }
}
