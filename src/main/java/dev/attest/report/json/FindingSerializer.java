package dev.attest.report.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.attest.engine.Evidence;
import dev.attest.engine.Finding;
import java.io.IOException;

/**
 * Writes a finding exactly as Jackson's record serialiser would (members in record order, absent
 * ones left out) without its per-member reflection: a million-object scan writes a million
 * findings, and this is where the findings file's time goes. {@code FindingsReaderTest} reads
 * what it writes back field for field.
 */
final class FindingSerializer extends StdSerializer<Finding> {
  FindingSerializer() {
    super(Finding.class);
  }

  @Override
  public void serialize(Finding finding, JsonGenerator out, SerializerProvider provider) throws IOException {
    out.writeStartObject();
    text(out, "id", finding.id());
    text(out, "ruleId", finding.ruleId());
    text(out, "title", finding.title());
    text(out, "resourceId", finding.resourceId());
    text(out, "resourceName", finding.resourceName());
    text(out, "resourceType", finding.resourceType());
    text(out, "subscriptionId", finding.subscriptionId());
    if (finding.status() != null) {
      out.writeStringField("status", finding.status().name());
    }
    text(out, "severity", finding.severity());
    text(out, "area", finding.area());
    out.writeArrayFieldStart("controls");
    for (String control : finding.controls()) {
      out.writeString(control);
    }
    out.writeEndArray();
    text(out, "message", finding.message());
    out.writeArrayFieldStart("evidence");
    for (Evidence evidence : finding.evidence()) {
      out.writeStartObject();
      text(out, "path", evidence.path());
      if (evidence.observed() != null) {
        out.writeFieldName("observed");
        out.writeTree(evidence.observed());
      }
      text(out, "note", evidence.note());
      text(out, "expected", evidence.expected());
      out.writeBooleanField("held", evidence.held());
      out.writeEndObject();
    }
    out.writeEndArray();
    text(out, "waiver", finding.waiver());
    out.writeEndObject();
  }

  private static void text(JsonGenerator out, String name, String value) throws IOException {
    if (value != null) {
      out.writeStringField(name, value);
    }
  }
}
