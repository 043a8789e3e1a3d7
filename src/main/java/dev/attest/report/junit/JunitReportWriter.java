package dev.attest.report.junit;

import dev.attest.assessment.Assessment;
import dev.attest.engine.Evidence;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.report.ReportWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code junit.xml}: the gate as a test report CI systems show in their test tabs. One testsuite
 * per rule, one testcase per (rule, resource) with the rule id as classname and the resource id
 * as name; FAIL is a failure carrying the evidence, ERROR an error, NOT_APPLICABLE and WAIVED are
 * skipped with the reason. No durations: the file stays byte-identical for the same findings.
 */
public final class JunitReportWriter implements ReportWriter {
  public static final String FILE_NAME = "junit.xml";

  private final XMLOutputFactory factory = XMLOutputFactory.newFactory();

  @Override
  public String format() {
    return "junit";
  }

  @Override
  public Path write(Assessment assessment, Path outputDir) throws IOException {
    Files.createDirectories(outputDir);
    Path file = outputDir.resolve(FILE_NAME);
    Map<String, List<Finding>> byRule = assessment.findings().stream()
        .collect(Collectors.groupingBy(Finding::ruleId, TreeMap::new, Collectors.toList()));
    try (OutputStream out = Files.newOutputStream(file)) {
      XMLStreamWriter xml = factory.createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      newline(xml, 0);
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "attest");
      counts(xml, assessment.findings());
      for (Map.Entry<String, List<Finding>> rule : byRule.entrySet()) {
        newline(xml, 1);
        suite(xml, rule.getKey(), rule.getValue());
      }
      newline(xml, 0);
      xml.writeEndElement();
      newline(xml, 0);
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  private static void suite(XMLStreamWriter xml, String ruleId, List<Finding> findings) throws XMLStreamException {
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", text(ruleId));
    counts(xml, findings);
    for (Finding finding : findings) {
      newline(xml, 2);
      testcase(xml, finding);
    }
    newline(xml, 1);
    xml.writeEndElement();
  }

  private static void testcase(XMLStreamWriter xml, Finding finding) throws XMLStreamException {
    xml.writeStartElement("testcase");
    xml.writeAttribute("classname", text(finding.ruleId()));
    xml.writeAttribute("name", text(finding.resourceId()));
    switch (finding.status()) {
      case PASS -> {
        xml.writeEndElement();
        return;
      }
      case FAIL -> outcome(xml, "failure", finding, finding.severity());
      case ERROR -> outcome(xml, "error", finding, "evaluation-error");
      case NOT_APPLICABLE, WAIVED -> {
        newline(xml, 3);
        xml.writeEmptyElement("skipped");
        xml.writeAttribute("message", text(finding.status().name() + ": " + finding.message()));
      }
    }
    newline(xml, 2);
    xml.writeEndElement();
  }

  private static void outcome(XMLStreamWriter xml, String element, Finding finding, String type) throws XMLStreamException {
    newline(xml, 3);
    xml.writeStartElement(element);
    xml.writeAttribute("message", text(finding.message()));
    xml.writeAttribute("type", text(type));
    StringBuilder body = new StringBuilder(finding.message()).append('\n');
    body.append("rule: ").append(finding.ruleId()).append(" (").append(finding.severity()).append(")\n");
    body.append("resource: ").append(finding.resourceId()).append('\n');
    if (!finding.controls().isEmpty()) {
      body.append("controls: ").append(String.join(", ", finding.controls())).append('\n');
    }
    for (Evidence evidence : finding.evidence()) {
      body.append("evidence: ").append(evidence.describe()).append('\n');
    }
    xml.writeCharacters(text(body.toString()));
    xml.writeEndElement();
  }

  private static void counts(XMLStreamWriter xml, List<Finding> findings) throws XMLStreamException {
    xml.writeAttribute("tests", Integer.toString(findings.size()));
    xml.writeAttribute("failures", Long.toString(count(findings, Status.FAIL)));
    xml.writeAttribute("errors", Long.toString(count(findings, Status.ERROR)));
    xml.writeAttribute("skipped", Long.toString(count(findings, Status.NOT_APPLICABLE) + count(findings, Status.WAIVED)));
  }

  private static long count(List<Finding> findings, Status status) {
    return findings.stream().filter(f -> f.status() == status).count();
  }

  private static void newline(XMLStreamWriter xml, int depth) throws XMLStreamException {
    xml.writeCharacters("\n" + "  ".repeat(depth));
  }

  /**
   * The writer escapes markup, but characters XML 1.0 cannot carry at all (most control
   * characters, unpaired surrogates) would make the file unreadable, and they can come from a
   * scanned resource: they become U+FFFD.
   */
  static String text(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder clean = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean allowed;
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        clean.append(c).append(value.charAt(++i));
        continue;
      }
      allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
      clean.append(allowed ? c : '\uFFFD');
    }
    return clean.toString();
  }
}
