package dev.attest.report.junit;

import dev.attest.assessment.Assessment;
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
 * {@code junit.xml}: the gate as a test report CI systems show in their test tabs. First a suite
 * for the scan itself ({@code attest.scan}: completeness, an error listing what could not be read,
 * and the gate, a failure saying why); then one testsuite per rule, one testcase per (rule,
 * resource) with the rule id as classname and the resource id as name; FAIL is a failure carrying
 * the evidence, ERROR an error, NOT_APPLICABLE and WAIVED are skipped with the reason; with a
 * baseline each outcome says whether it is new. Then, when the assessment has them, a live scan's
 * coverage gaps, Azure Policy's disagreements, the log evidence and the waiver and attestation
 * registers ({@link AssessmentCases}). No durations: the same findings give the same bytes.
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
      List<AssessmentCases.Case> cases = AssessmentCases.of(assessment);
      Map<String, List<AssessmentCases.Case>> bySuite = cases.stream()
          .collect(Collectors.groupingBy(AssessmentCases.Case::suite, java.util.LinkedHashMap::new, Collectors.toList()));
      writeCounts(xml, Counts.of(assessment.findings()).plus(Counts.ofCases(cases)));
      List<AssessmentCases.Case> scan = bySuite.remove(AssessmentCases.SCAN);
      newline(xml, 1);
      caseSuite(xml, AssessmentCases.SCAN, scan);
      ExpiredWaivers expired = new ExpiredWaivers(assessment);
      for (Map.Entry<String, List<Finding>> rule : byRule.entrySet()) {
        newline(xml, 1);
        suite(xml, rule.getKey(), rule.getValue(), since, expired);
      }
      for (Map.Entry<String, List<AssessmentCases.Case>> suite : bySuite.entrySet()) {
        newline(xml, 1);
        caseSuite(xml, suite.getKey(), suite.getValue());
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

  private static void suite(XMLStreamWriter xml, String ruleId, List<Finding> findings, SinceBaseline since,
      ExpiredWaivers expired) throws XMLStreamException {
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", text(ruleId));
    writeCounts(xml, Counts.of(findings));
    for (Finding finding : findings) {
      newline(xml, 2);
      testcase(xml, finding, since.of(finding.id()), expired);
    }
    newline(xml, 1);
    xml.writeEndElement();
  }

  private static void testcase(XMLStreamWriter xml, Finding finding, String sinceBaseline, ExpiredWaivers expired)
      throws XMLStreamException {
    xml.writeStartElement("testcase");
    xml.writeAttribute("classname", text(finding.ruleId()));
    xml.writeAttribute("name", text(finding.resourceId()));
    switch (finding.status()) {
      case PASS -> {
        xml.writeEndElement();
        return;
      }
      case FAIL -> outcome(xml, "failure", finding, finding.severity(), sinceBaseline, expired.covering(finding));
      case ERROR -> outcome(xml, "error", finding, "evaluation-error", sinceBaseline, List.of());
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

  private static void outcome(XMLStreamWriter xml, String element, Finding finding, String type, String sinceBaseline,
      List<String> expiredWaivers) throws XMLStreamException {
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
    for (String waiver : expiredWaivers) {
      body.append("no longer waived: ").append(waiver).append('\n');
    }
    for (Evidence evidence : finding.evidence()) {
      body.append("evidence: ").append(evidence.describe()).append('\n');
    }
    xml.writeCharacters(text(body.toString()));
    xml.writeEndElement();
  }

  /** A suite of assessment-level cases (the scan, coverage, policy, evidence, registers). */
  private static void caseSuite(XMLStreamWriter xml, String name, List<AssessmentCases.Case> cases)
      throws XMLStreamException {
    xml.writeStartElement("testsuite");
    xml.writeAttribute("name", name);
    writeCounts(xml, Counts.ofCases(cases));
    for (AssessmentCases.Case c : cases) {
      newline(xml, 2);
      xml.writeStartElement("testcase");
      xml.writeAttribute("classname", text(c.classname()));
      xml.writeAttribute("name", text(c.name()));
      newline(xml, 3);
      if (c.outcome().equals("pass")) {
        xml.writeStartElement("system-out");
        xml.writeCharacters(text(c.body()));
        xml.writeEndElement();
      } else if (c.body() == null) {
        xml.writeEmptyElement(c.outcome());
        writeMessage(xml, c);
      } else {
        xml.writeStartElement(c.outcome());
        writeMessage(xml, c);
        xml.writeCharacters(text(c.body()));
        xml.writeEndElement();
      }
      newline(xml, 2);
      xml.writeEndElement();
    }
    newline(xml, 1);
    xml.writeEndElement();
  }

  private static void writeMessage(XMLStreamWriter xml, AssessmentCases.Case c) throws XMLStreamException {
    xml.writeAttribute("message", text(c.message()));
    if (!c.outcome().equals("skipped") && c.type() != null) {
      xml.writeAttribute("type", text(c.type()));
    }
  }

  /**
   * The expired waivers that would cover a failing finding (by rule and resource; waivers that
   * select by tag are left out, since findings do not carry the resource's tags), so its failure
   * says that it is failing because the waiver lapsed.
   */
  private static final class ExpiredWaivers {
    private final List<dev.attest.waivers.Waiver> expired;

    ExpiredWaivers(Assessment assessment) {
      expired = assessment.waivers().stream().filter(w -> w.state() == WaiverResult.State.EXPIRED)
          .map(WaiverResult::waiver).filter(w -> w.tags().isEmpty()).toList();
    }

    List<String> covering(Finding finding) {
      List<String> found = new ArrayList<>();
      for (dev.attest.waivers.Waiver waiver : expired) {
        if (waiver.covers(finding.ruleId(), finding.resourceId(), Map.of())) {
          found.add(waiver.id() + " expired after " + waiver.expires());
        }
      }
      return found;
    }
  }

  /** A suite's totals. */
  private record Counts(long tests, long failures, long errors, long skipped) {
    static Counts of(List<Finding> findings) {
      return new Counts(findings.size(), count(findings, Status.FAIL), count(findings, Status.ERROR),
          count(findings, Status.NOT_APPLICABLE) + count(findings, Status.WAIVED));
    }

    static Counts ofCases(List<AssessmentCases.Case> cases) {
      return new Counts(cases.size(), outcomes(cases, "failure"), outcomes(cases, "error"), outcomes(cases, "skipped"));
    }

    private static long outcomes(List<AssessmentCases.Case> cases, String outcome) {
      return cases.stream().filter(c -> c.outcome().equals(outcome)).count();
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
