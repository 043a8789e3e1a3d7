package dev.attest.report.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.attest.assessment.Assessment;
import dev.attest.engine.Finding;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes {@code findings.json} for a scan whose findings are too many to hold: each finding is
 * serialised as it is produced into a side file, pretty-printed at the depth it has in the
 * document; when the scan ends the summary and controls are written and the side file is
 * appended. The bytes are exactly those {@link JsonReportWriter} writes for the same assessment.
 */
public final class FindingsStream implements AutoCloseable {
  private static final String EMPTY_TAIL = "[ ]\n}";

  private final ObjectWriter writer;
  private final Path outputDir;
  private final Path side;
  private final OutputStream sideOut;
  private final JsonGenerator generator;
  private boolean finished;

  FindingsStream(ObjectWriter writer, Path outputDir) throws IOException {
    this.writer = writer;
    this.outputDir = outputDir;
    Files.createDirectories(outputDir);
    this.side = outputDir.resolve(JsonReportWriter.FILE_NAME + ".findings.partial");
    this.sideOut = new java.io.BufferedOutputStream(Files.newOutputStream(side), 1 << 16);
    // The side file is the document {"findings": [...]}: its bytes after '[' are what the real
    // document holds after its own "findings" : [, because the nesting and the printer are the same.
    this.generator = writer.createGenerator(sideOut);
    generator.writeStartObject();
    generator.writeFieldName("findings");
    generator.writeStartArray();
  }

  public void add(Finding finding) throws IOException {
    generator.writeObject(finding);
  }

  /** Writes the document around the streamed findings and moves it into place; returns its path. */
  public Path finish(Assessment summaryAndControls) throws IOException {
    generator.writeEndArray();
    generator.writeEndObject();
    generator.close();
    sideOut.close();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    writer.writeValue(head, new JsonReportWriter.Document(JsonReportWriter.SCHEMA_VERSION,
        summaryAndControls.summary(), summaryAndControls.controls(), summaryAndControls.rules(), java.util.List.of(),
        null, null, null, null, null));
    String headText = head.toString(StandardCharsets.UTF_8);
    if (!headText.endsWith(EMPTY_TAIL)) {
      throw new IllegalStateException("findings are not the last member of findings.json");
    }
    byte[] prefix = headText.substring(0, headText.length() - EMPTY_TAIL.length()).getBytes(StandardCharsets.UTF_8);
    Path file = outputDir.resolve(JsonReportWriter.FILE_NAME);
    Path partial = outputDir.resolve(JsonReportWriter.FILE_NAME + ".partial");
    try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING); FileChannel in = FileChannel.open(side, StandardOpenOption.READ)) {
      out.write(java.nio.ByteBuffer.wrap(prefix));
      long start = skipToArray(in);
      long size = in.size();
      for (long done = start; done < size; ) {
        done += in.transferTo(done, size - done, out);
      }
      out.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}));
    }
    Files.delete(side);
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    finished = true;
    return file;
  }

  /** The offset of the side file's '[' (its first one: nothing before it holds a bracket). */
  private static long skipToArray(FileChannel in) throws IOException {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(64);
    in.read(buffer, 0);
    for (int i = 0; i < buffer.position(); i++) {
      if (buffer.get(i) == '[') {
        return i;
      }
    }
    throw new IllegalStateException("the streamed findings file has no array");
  }

  /** Removes the side file when the scan stopped before {@link #finish}. */
  @Override
  public void close() throws IOException {
    if (!finished) {
      generator.close();
      sideOut.close();
      Files.deleteIfExists(side);
    }
  }
}
