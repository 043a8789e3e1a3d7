package dev.attest.report.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.attest.assessment.Assessment;
import dev.attest.report.ReportWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The canonical findings document ({@code findings.json}): summary, controls and findings,
 * serialised from the records in a fixed order with "\n" line ends, so identical input gives
 * identical bytes on any machine.
 */
public final class JsonReportWriter implements ReportWriter {
  public static final String FILE_NAME = "findings.json";
  /** Bumped when the document's shape changes incompatibly. */
  public static final int SCHEMA_VERSION = 1;

  private final ObjectWriter writer;

  public JsonReportWriter() {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    mapper.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    this.writer = mapper.writer(printer);
  }

  @Override
  public String format() {
    return "json";
  }

  @Override
  public Path write(Assessment assessment, Path outputDir) throws IOException {
    Files.createDirectories(outputDir);
    Path file = outputDir.resolve(FILE_NAME);
    Path partial = outputDir.resolve(FILE_NAME + ".partial");
    // Written beside and moved into place, so a crash never leaves a half-written findings file.
    try (OutputStream out = Files.newOutputStream(partial)) {
      writer.writeValue(out, new Document(SCHEMA_VERSION, assessment));
      out.write('\n');
    }
    Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /** A streamed findings.json in {@code outputDir} (same bytes as {@link #write}); see {@link FindingsStream}. */
  public FindingsStream stream(Path outputDir) throws IOException {
    return new FindingsStream(writer, outputDir);
  }

  /** The document's top level; registers and the baseline comparison appear only when given. */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  record Document(int schemaVersion, dev.attest.assessment.Summary summary,
      java.util.List<dev.attest.assessment.ControlResult> controls,
      java.util.List<dev.attest.engine.Finding> findings,
      java.util.List<dev.attest.waivers.WaiverResult> waivers,
      java.util.List<dev.attest.attestations.AttestationResult> attestations,
      dev.attest.baseline.Comparison baseline) {
    Document(int schemaVersion, Assessment assessment) {
      this(schemaVersion, assessment.summary(), assessment.controls(), assessment.findings(),
          assessment.waivers().isEmpty() ? null : assessment.waivers(),
          assessment.attestations().isEmpty() ? null : assessment.attestations(), assessment.baseline());
    }
  }
}
