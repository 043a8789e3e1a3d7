package dev.attest.report.junit;

import dev.attest.assessment.Assessment;
import dev.attest.attestations.AttestationResult;
import dev.attest.engine.Evidence;
import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import dev.attest.report.ReportWriter;
import dev.attest.report.SinceBaseline;
import dev.attest.waivers.WaiverResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * skipped with the reason; with a baseline each outcome says whether it is new. Waiver and
 * attestation registers are two more suites, so an expired waiver shows in the CI test tab (a
 * failure when the gate fails on expired waivers). No durations: the same findings give the same bytes.
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
      SinceBaseline since = new SinceBaseline(assessment);
      List<Register> registers = registers(assessment);
      writeCounts(xml, Counts.of(assessment.findings()).plus(Counts.ofRegisters(registers)));
      for (Map.Entry<String, List<Finding>> rule : byRule.entrySet()) {
        newline(xml, 1);
        suite(xml, rule.getKey(), rule.getValue(), since);
      }
      for (String suite : List.of(WAIVERS, ATTESTATIONS)) {
        List<Register> cases = registers.stream().filter(r -> r.suite().equals(suite)).toList();
        if (!cases.isEmpty()) {
          newline(xml, 1);
          registerSuite(xml, suite, cases);
        }
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

  private static void suite(XMLStreamWriter xml, String ruleId, List<Finding> findings, SinceBaseline since)
      throws XMLStreamException {
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", text(ruleId));
    writeCounts(xml, Counts.of(findings));
    for (Finding finding : findings) {
      newline(xml, 2);
      testcase(xml, finding, since.of(finding.id()));
    }
    newline(xml, 1);
    xml.writeEndElement();
  }

  private static void testcase(XMLStreamWriter xml, Finding finding, String sinceBaseline) throws XMLStreamException {
    xml.writeStartElement("testcase");
    xml.writeAttribute("classname", text(finding.ruleId()));
    xml.writeAttribute("name", text(finding.resourceId()));
    switch (finding.status()) {
      case PASS -> {
        xml.writeEndElement();
        return;
      }
      case FAIL -> outcome(xml, "failure", finding, finding.severity(), sinceBaseline);
      case ERROR -> outcome(xml, "error", finding, "evaluation-error", sinceBaseline);
      case NOT_APPLICABLE, WAIVED -> {
        newline(xml, 3);
        xml.writeEmptyElement("skipped");
        String waiver = finding.waiver() == null ? "" : " (waiver " + finding.waiver() + ")";
        String since = sinceBaseline == null ? "" : " [" + sinceBaseline + " since the baseline]";
        xml.writeAttribute("message", text(finding.status().name() + waiver + since + ": " + finding.message()));
      }
    }
    newline(xml, 2);
    xml.writeEndElement();
  }

  private static void outcome(XMLStreamWriter xml, String element, Finding finding, String type, String sinceBaseline)
      throws XMLStreamException {
    newline(xml, 3);
    xml.writeStartElement(element);
    xml.writeAttribute("message", text(finding.message()));
    xml.writeAttribute("type", text(type));
    StringBuilder body = new StringBuilder(finding.message()).append('\n');
    body.append("rule: ").append(finding.ruleId()).append(" (").append(finding.severity()).append(")\n");
    body.append("resource: ").append(finding.resourceId()).append('\n');
    if (sinceBaseline != null) {
      body.append("since baseline: ").append(sinceBaseline).append('\n');
    }
    if (!finding.controls().isEmpty()) {
      body.append("controls: ").append(String.join(", ", finding.controls())).append('\n');
    }
    for (Evidence evidence : finding.evidence()) {
      body.append("evidence: ").append(evidence.describe()).append('\n');
    }
    xml.writeCharacters(text(body.toString()));
    xml.writeEndElement();
  }

  private static final String WAIVERS = "attest.waivers";
  private static final String ATTESTATIONS = "attest.attestations";

  /** One register entry as a test case: outcome {@code pass}, {@code failure} or {@code skipped}. */
  private record Register(String suite, String classname, String name, String outcome, String message) {}

  private static List<Register> registers(Assessment assessment) {
    boolean gatedOnExpiry = assessment.summary().gate() != null && assessment.summary().gate().expiredWaivers() != null;
    List<Register> cases = new ArrayList<>();
    for (WaiverResult w : assessment.waivers()) {
      String expires = w.waiver().expires() == null ? "" : " (expires " + w.waiver().expires() + ")";
      String message = "waiver " + w.state().label() + expires + ", " + w.waivedFindings() + " finding(s) waived";
      String outcome = switch (w.state()) {
        case EXPIRED -> gatedOnExpiry ? "failure" : "skipped";
        case UNUSED -> "skipped";
        case ACTIVE, EXPIRING_SOON -> "pass";
      };
      cases.add(new Register(WAIVERS, "waiver", w.waiver().id(), outcome, message));
    }
    for (AttestationResult a : assessment.attestations()) {
      boolean current = !a.state().equals("expired") && !a.state().equals("future");
      String decision = a.attestation().decision() == null ? "" : ", decision: " + a.attestation().decision().label();
      cases.add(new Register(ATTESTATIONS, "attestation", a.attestation().id(), current ? "pass" : "skipped",
          "attestation " + a.state() + " for " + String.join(", ", a.attestation().controls()) + decision));
    }
    return cases;
  }

  private static void registerSuite(XMLStreamWriter xml, String name, List<Register> cases) throws XMLStreamException {
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", name);
    writeCounts(xml, Counts.ofRegisters(cases));
    for (Register c : cases) {
      newline(xml, 2);
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", c.classname());
      xml.writeAttribute("name", text(c.name()));
      newline(xml, 3);
      if (c.outcome().equals("pass")) {
        xml.writeStartElement("system-out");
        xml.writeCharacters(text(c.message()));
        xml.writeEndElement();
      } else {
        xml.writeEmptyElement(c.outcome());
        xml.writeAttribute("message", text(c.message()));
        if (c.outcome().equals("failure")) {
          xml.writeAttribute("type", "expired-waiver");
        }
      }
      newline(xml, 2);
      xml.writeEndElement();
    }
    newline(xml, 1);
    xml.writeEndElement();
  }

  /** A suite's totals. */
  private record Counts(long tests, long failures, long errors, long skipped) {
    static Counts of(List<Finding> findings) {
      return new Counts(findings.size(), count(findings, Status.FAIL), count(findings, Status.ERROR),
          count(findings, Status.NOT_APPLICABLE) + count(findings, Status.WAIVED));
    }

    static Counts ofRegisters(List<Register> cases) {
      return new Counts(cases.size(), cases.stream().filter(c -> c.outcome().equals("failure")).count(), 0,
          cases.stream().filter(c -> c.outcome().equals("skipped")).count());
    }

    Counts plus(Counts other) {
      return new Counts(tests + other.tests, failures + other.failures, errors + other.errors, skipped + other.skipped);
    }

    private static long count(List<Finding> findings, Status status) {
      return findings.stream().filter(f -> f.status() == status).count();
    }
  }

  private static void writeCounts(XMLStreamWriter xml, Counts counts) throws XMLStreamException {
    xml.writeAttribute("tests", Long.toString(counts.tests()));
    xml.writeAttribute("failures", Long.toString(counts.failures()));
    xml.writeAttribute("errors", Long.toString(counts.errors()));
    xml.writeAttribute("skipped", Long.toString(counts.skipped()));
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
