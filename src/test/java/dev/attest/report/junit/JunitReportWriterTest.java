package dev.attest.report.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attest.assessment.Assessment;
import dev.attest.engine.Finding;
import dev.attest.report.SampleScan;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportWriterTest {
  @TempDir
  Path dir;
  Assessment assessment;
  String xml;
  Document document;

  @BeforeEach
  void scan() throws Exception {
    assessment = SampleScan.assessWithWaiver(dir, "Waived until the migration.");
    Path file = new JunitReportWriter().write(assessment, dir.resolve("out"));
    xml = Files.readString(file);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    document = factory.newDocumentBuilder().parse(file.toFile());
  }

  private Element testcase(String ruleId, String resourceName) {
    String resourceId = JunitReportWriter.text(SampleScan.finding(assessment, ruleId, resourceName).resourceId());
    NodeList cases = document.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element element = (Element) cases.item(i);
      if (element.getAttribute("classname").equals(ruleId) && element.getAttribute("name").equals(resourceId)) {
        return element;
      }
    }
    throw new AssertionError("no testcase " + ruleId + " " + resourceId);
  }

  private static Element child(Element parent, String name) {
    NodeList children = parent.getElementsByTagName(name);
    return children.getLength() == 0 ? null : (Element) children.item(0);
  }

  @Test
  void oneSuitePerRuleAndOneCasePerRuleAndResourceWithCounts() {
    Element root = document.getDocumentElement();
    assertEquals("testsuites", root.getTagName());
    assertEquals("12", root.getAttribute("tests"), "11 findings and the one waiver of the register");
    assertEquals("3", root.getAttribute("failures"));
    assertEquals("1", root.getAttribute("errors"));
    assertEquals("2", root.getAttribute("skipped"));
    NodeList suites = document.getElementsByTagName("testsuite");
    assertEquals(4, suites.getLength());
    assertEquals("attest.waivers", ((Element) suites.item(3)).getAttribute("name"));
    Element tls = (Element) suites.item(0);
    assertEquals("AZ-TST-0001", tls.getAttribute("name"));
    assertEquals("5", tls.getAttribute("tests"));
    assertEquals("2", tls.getAttribute("failures"));
    assertEquals(12, document.getElementsByTagName("testcase").getLength());
  }

  @Test
  void outcomesMapToFailureErrorAndSkipped() {
    Element failing = child(testcase("AZ-TST-0001", SampleScan.FORMULA), "failure");
    Finding finding = SampleScan.finding(assessment, "AZ-TST-0001", SampleScan.FORMULA);
    assertEquals(finding.message(), failing.getAttribute("message"));
    assertEquals("high", failing.getAttribute("type"));
    assertTrue(failing.getTextContent().contains("evidence: properties.minimumTlsVersion = TLS1_0"), failing.getTextContent());
    assertTrue(failing.getTextContent().contains("controls: hipaa:164.312(e)(1)"));
    assertEquals(null, child(testcase("AZ-TST-0001", "good"), "failure"), "a pass has no child");
    assertTrue(child(testcase("AZ-TST-0001", "old"), "skipped").getAttribute("message").startsWith("WAIVED (waiver "));
    assertTrue(child(testcase("AZ-TST-0002", SampleScan.UNICODE), "skipped").getAttribute("message")
        .startsWith("NOT_APPLICABLE: "));
    assertEquals(1, document.getElementsByTagName("error").getLength());
  }

  @Test
  void markupAndControlCharactersFromTheTenantAreEscapedOrReplaced() {
    Element hostile = testcase("AZ-TST-0002", SampleScan.HOSTILE);
    assertTrue(hostile.getAttribute("name").endsWith(SampleScan.HOSTILE), "the name parses back as text");
    assertTrue(child(hostile, "failure").getTextContent().contains(SampleScan.HOSTILE));
    assertFalse(xml.contains("<script>"), "markup is escaped in the file");
    assertFalse(xml.contains("\u0007"));
    assertTrue(xml.contains("診療\uFFFDデータ"), "a character XML cannot carry becomes U+FFFD");
  }

  @Test
  void sanitizerKeepsValidTextIncludingSupplementaryCharacters() {
    assertEquals("a\tb\n😀", JunitReportWriter.text("a\tb\n😀"));
    assertEquals("\uFFFD\uFFFDx", JunitReportWriter.text("\u0000\uD800x"));
  }
}
