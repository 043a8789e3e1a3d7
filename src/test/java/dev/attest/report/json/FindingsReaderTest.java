package dev.attest.report.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attest.assessment.Assessment;
import dev.attest.report.SampleScan;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FindingsReaderTest {
  @TempDir
  Path dir;
  Assessment assessment;
  Path written;
  String text;

  @BeforeEach
  void scan() throws Exception {
    assessment = SampleScan.assess(dir);
    written = new JsonReportWriter().write(assessment, dir.resolve("a"));
    text = Files.readString(written);
  }

  private String readError(String content) throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, content);
    return assertThrows(FindingsReader.Unreadable.class, () -> new FindingsReader().read(file)).getMessage();
  }

  @Test
  void writeReadWriteGivesIdenticalBytesAndTheSameAssessment() throws Exception {
    Assessment read = new FindingsReader().read(written);
    assertEquals(assessment, read);
    Path again = new JsonReportWriter().write(read, dir.resolve("b"));
    assertArrayEquals(Files.readAllBytes(written), Files.readAllBytes(again));
  }

  @Test
  void theWaiverRegisterRoundTripsToo() throws Exception {
    Assessment waived = SampleScan.assessWithWaiver(dir.resolve("w"), "Accepted until the migration.");
    Path first = new JsonReportWriter().write(waived, dir.resolve("w1"));
    Assessment read = new FindingsReader().read(first);
    assertEquals(waived, read);
    assertEquals("WVR-TEST-001", read.waivers().get(0).waiver().id());
    Path again = new JsonReportWriter().write(read, dir.resolve("w2"));
    assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(again));
  }

  @Test
  void theDocumentCarriesTheRulesReportsNeed() throws Exception {
    var rules = new ObjectMapper().readTree(written.toFile()).get("rules");
    assertEquals("AZ-TST-0001", rules.get(0).get("id").asText());
    assertEquals("Set the minimum TLS version to 1.2.", rules.get(0).get("remediation").get("text").asText());
    assertTrue(rules.get(0).get("remediation").get("az").asText().startsWith("az storage account update"));
    assertTrue(!rules.get(1).get("remediation").has("az"), "absent snippets are left out, not null");
  }

  @Test
  void aDocumentWithoutRulesStillReads() throws Exception {
    ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(text);
    doc.remove("rules");
    Path file = dir.resolve("older.json");
    Files.writeString(file, doc.toString());
    Assessment read = new FindingsReader().read(file);
    assertEquals(assessment.findings(), read.findings());
    assertTrue(read.rules().isEmpty());
  }

  @Test
  void malformedJsonNamesFileLineAndColumn() throws Exception {
    String message = readError("{\n  \"schemaVersion\": 1,\n  \"summary\": {,\n");
    assertTrue(message.startsWith(dir.resolve("broken.json") + ":3:15: Unexpected character"), message);
    assertEquals(1, message.lines().count());
  }

  @Test
  void anotherSchemaVersionIsRejectedAtItsPlace() throws Exception {
    String message = readError(text.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"));
    assertEquals(dir.resolve("broken.json") + ":2:21: schemaVersion 2 is not supported"
        + " (this version of attest reads schemaVersion 1)", message);
  }

  @Test
  void wrongShapesNameTheFindingAndField() throws Exception {
    // Findings are written one a line, compact.
    String badStatus = readError(text.replaceFirst("\"status\":\"PASS\"", "\"status\":\"BROKEN\""));
    assertTrue(badStatus.matches(".*broken\\.json:\\d+:\\d+: findings\\[\\d+\\]\\.status: Cannot deserialize value"
        + " of type Status from String \"BROKEN\".*"), badStatus);
    String missing = readError(text.replaceFirst("\"status\":\"PASS\",", ""));
    assertTrue(missing.matches(".*broken\\.json:\\d+:\\d+: findings\\[\\d+\\] has no \"status\""), missing);
    String unknown = readError(text.replaceFirst("\"schemaVersion\" : 1,", "\"schemaVersion\" : 1, \"extra\" : true,"));
    assertEquals(dir.resolve("broken.json") + ":2:24: unknown field \"extra\" (a findings document has"
        + " schemaVersion, summary, controls, rules, waivers, attestations, baseline, policy, evidence, findings)", unknown);
    String nested = readError(text.replaceFirst("\"exitCode\" :", "\"exitcode\" :"));
    assertTrue(nested.matches(".*: summary\\.gate\\.exitcode: unknown field \"exitcode\""), nested);
  }

  @Test
  void anythingElseIsNotAFindingsDocument() throws Exception {
    assertEquals(dir.resolve("broken.json") + ":1:2: not a findings document (expected a JSON object with"
        + " \"schemaVersion\": 1)", readError("[]"));
    assertEquals(dir.resolve("broken.json") + ": not a findings document: no summary, controls, findings",
        readError("{\"schemaVersion\": 1}"));
    assertTrue(readError("").endsWith("not a findings document (expected a JSON object with \"schemaVersion\": 1)"));
    Path missing = dir.resolve("nope.json");
    assertEquals(missing + ": no such file",
        assertThrows(FindingsReader.Unreadable.class, () -> new FindingsReader().read(missing)).getMessage());
  }
}
