package dev.attest.report.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.attest.assessment.Assessment;
import dev.attest.assessment.ControlResult;
import dev.attest.assessment.RuleMetadata;
import dev.attest.assessment.Summary;
import dev.attest.attestations.AttestationResult;
import dev.attest.baseline.Comparison;
import dev.attest.engine.Finding;
import dev.attest.evidence.EvidenceResult;
import dev.attest.policy.PolicyOverview;
import dev.attest.report.ReportWriter;
import dev.attest.waivers.WaiverResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The canonical findings document ({@code findings.json}): summary, controls, rules and findings,
 * serialised from the records in a fixed order with "\n" line ends, so identical input gives
 * identical bytes on any machine.
 */
public final class JsonReportWriter implements ReportWriter {
  public static final String FILE_NAME = "findings.json";
  /** Bumped when the document's shape changes incompatibly. */
  public static final int SCHEMA_VERSION = 1;

  private final ObjectWriter writer;
  private final ObjectWriter compact;

  public JsonReportWriter() {
    ObjectMapper mapper = documentMapper();
    this.writer = indented(mapper);
    this.compact = mapper.writer();
  }

  /** The mapper for the document, shared with {@link FindingsReader}: dates as ISO days. */
  static ObjectMapper documentMapper() {
    return new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .registerModule(new JavaTimeModule())
        .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("findings")
            .addSerializer(Finding.class, new FindingSerializer()))
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /**
   * A writer that indents with two spaces and "\n" on every platform and leaves the stream open,
   * for every JSON-based format, so their bytes do not depend on the machine.
   */
  public static ObjectWriter indented(ObjectMapper mapper) {
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    mapper.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return mapper.writer(printer);
  }

  @Override
  public String format() {
    return "json";
  }

  @Override
  public Path write(Assessment assessment, Path outputDir) throws IOException {
    try (FindingsStream stream = stream(outputDir)) {
      stream.addAll(assessment.findings());
      return stream.finish(assessment);
    }
  }

  /** A streamed findings.json in {@code outputDir}, the findings added as they are produced; see {@link FindingsStream}. */
  public FindingsStream stream(Path outputDir) throws IOException {
    return new FindingsStream(writer, compact, outputDir);
  }

  /**
   * The document's top level; rules come before the findings that refer to them, the registers,
   * the baseline comparison, Azure Policy's overview and the log evidence appear only when given,
   * and the findings come last, one a line (see {@link FindingsStream}).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Document(int schemaVersion, Summary summary, List<ControlResult> controls, List<RuleMetadata> rules,
      List<WaiverResult> waivers, List<AttestationResult> attestations, Comparison baseline, PolicyOverview policy,
      List<EvidenceResult> evidence, List<Finding> findings) {

    /** Every section of the assessment but its findings, which are streamed after them. */
    static Document withoutFindings(int schemaVersion, Assessment assessment) {
      return new Document(schemaVersion, assessment.summary(), assessment.controls(), assessment.rules(),
          assessment.waivers().isEmpty() ? null : assessment.waivers(),
          assessment.attestations().isEmpty() ? null : assessment.attestations(), assessment.baseline(),
          assessment.policy(), assessment.evidence(), List.of());
    }
  }
}
