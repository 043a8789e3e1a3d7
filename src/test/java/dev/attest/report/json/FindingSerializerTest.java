package dev.attest.report.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.attest.engine.Evidence;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written finding serialiser writes what Jackson's own record serialiser writes. */
class FindingSerializerTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void writesTheSameBytesAsTheRecordSerialiser() throws Exception {
    Finding full = new Finding("AZ-X-1-00ff", "AZ-X-1", "Title with \"quotes\" and <markup>", "/subscriptions/s/x",
        "名前 \u0007", "Microsoft.X/y", "s", Status.FAIL, "high", "tls", List.of("hipaa:164.312(e)(1)", "hitrust:09.m"),
        "Message\nwith a line break", List.of(
            new Evidence("properties.a", NODES.objectNode().put("k", 1.5).set("l", NODES.arrayNode().add(true)), "note",
                "equals 1", false),
            new Evidence("count(x)", NODES.numberNode(3), null, null, true),
            new Evidence("properties.absent", null, null, "exists true", false)), "WVR-1");
    Finding sparse = new Finding("id", "rule", null, "/r", null, "t", null, Status.PASS, "low", "network", List.of(),
        "m", List.of());
    ObjectMapper records = new ObjectMapper();
    ObjectMapper document = JsonReportWriter.documentMapper();
    for (Finding finding : List.of(full, sparse)) {
      String expected = records.writeValueAsString(finding);
      assertEquals(expected, document.writeValueAsString(finding));
      assertTrue(expected.contains("\"ruleId\""), expected);
    }
  }
}
