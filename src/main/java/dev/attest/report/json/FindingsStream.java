package dev.attest.report.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.attest.assessment.Assessment;
import dev.attest.engine.Finding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes {@code findings.json}: the summary, controls and every other section indented, then the
 * findings last, one finding per line, so that a findings file can be grepped and diffed finding
 * by finding. Findings are serialised as they are produced (a batch at a time, on every core)
 * into a side file per rule; when the scan ends the other sections are written and the side
 * files are appended in rule order, so only a batch of findings is ever held.
 * {@link JsonReportWriter} writes through this class too: a streamed and an in-memory scan give
 * the same bytes.
 */
public final class FindingsStream implements AutoCloseable {
  private static final String EMPTY_TAIL = "[ ]\n}";
  private static final byte[] FIRST = "\n    ".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NEXT = ",\n    ".getBytes(StandardCharsets.UTF_8);

  private final ObjectWriter indented;
  private final ObjectWriter compact;
  private final Path outputDir;
  /** Each rule's findings in a side file of its own, joined in rule order when the scan ends. */
  private final java.util.TreeMap<String, Side> sides = new java.util.TreeMap<>();
  private boolean finished;

  /** One rule's serialised findings: lines starting "\n    ", separated by ",". */
  private static final class Side {
    final Path file;
    final OutputStream out;
    long written;

    Side(Path file) throws IOException {
      this.file = file;
      this.out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }
  }

  FindingsStream(ObjectWriter indented, ObjectWriter compact, Path outputDir) throws IOException {
    this.indented = indented;
    this.compact = compact;
    this.outputDir = outputDir;
    Files.createDirectories(outputDir);
  }

  /** Appends findings of one rule, in file order after those of it already added; large batches are serialised on every core. */
  public void addAll(String ruleId, List<Finding> findings) throws IOException {
    if (findings.isEmpty()) {
      return;
    }
    List<byte[]> lines;
    try {
      lines = (findings.size() > 256 ? findings.parallelStream() : findings.stream()).map(this::line).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Side side = sides.get(ruleId);
    if (side == null) {
      side = new Side(outputDir.resolve(JsonReportWriter.FILE_NAME + "." + sides.size() + ".partial"));
      sides.put(ruleId, side);
    }
    for (byte[] line : lines) {
      side.out.write(side.written++ == 0 ? FIRST : NEXT);
      side.out.write(line);
    }
  }

  /** Appends findings in file order (each rule's together, rules in id order). */
  public void addAll(List<Finding> findings) throws IOException {
    int from = 0;
    for (int i = 1; i <= findings.size(); i++) {
      if (i == findings.size() || !findings.get(i).ruleId().equals(findings.get(from).ruleId())) {
        addAll(findings.get(from).ruleId(), findings.subList(from, i));
        from = i;
      }
    }
  }

  private byte[] line(Finding finding) {
    try {
      return compact.writeValueAsBytes(finding);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the document around the streamed findings and moves it into place; returns its path. */
  public Path finish(Assessment assessment) throws IOException {
    for (Side side : sides.values()) {
      side.out.close();
    }
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    indented.writeValue(head, JsonReportWriter.Document.withoutFindings(JsonReportWriter.SCHEMA_VERSION, assessment));
    String headText = head.toString(StandardCharsets.UTF_8);
    if (!headText.endsWith(EMPTY_TAIL)) {
      throw new IllegalStateException("findings are not the last member of findings.json");
    }
    Path file = outputDir.resolve(JsonReportWriter.FILE_NAME);
    Path partial = outputDir.resolve(JsonReportWriter.FILE_NAME + ".partial");
    try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      if (sides.isEmpty()) {
        write(out, headText + "\n");
      } else {
        write(out, headText.substring(0, headText.length() - EMPTY_TAIL.length()) + "[");
        boolean first = true;
        for (Side side : sides.values()) {
          if (!first) {
            write(out, ",");
          }
          first = false;
          try (FileChannel in = FileChannel.open(side.file, StandardOpenOption.READ)) {
            long size = in.size();
            for (long done = 0; done < size; ) {
              done += in.transferTo(done, size - done, out);
            }
          }
        }
        write(out, "\n  ]\n}\n");
      }
    }
    for (Side side : sides.values()) {
      Files.delete(side.file);
    }
    // Moved into place whole, so a crash never leaves a half-written findings file.
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    finished = true;
    return file;
  }

  private static void write(FileChannel out, String text) throws IOException {
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  /** Removes the side files when the scan stopped before {@link #finish}. */
  @Override
  public void close() throws IOException {
    if (!finished) {
      for (Side side : sides.values()) {
        side.out.close();
        Files.deleteIfExists(side.file);
      }
    }
  }
}
