package dev.attest.report.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attest.assessment.Assessment;
import dev.attest.assessment.AssessmentInputs;
import dev.attest.assessment.Gate;
import dev.attest.assessment.Summary;
import dev.attest.rules.Severity;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
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
    assertEquals("14", root.getAttribute("tests"), "the scan's two cases, 11 findings and the one waiver of the register");
    assertEquals("4", root.getAttribute("failures"), "three failing findings and the gate");
    assertEquals("2", root.getAttribute("errors"), "the ERROR finding and the incomplete scan");
    assertEquals("2", root.getAttribute("skipped"));
    NodeList suites = document.getElementsByTagName("testsuite");
    assertEquals(5, suites.getLength());
    assertEquals("attest.scan", ((Element) suites.item(0)).getAttribute("name"), "the scan itself comes first");
    assertEquals("attest.waivers", ((Element) suites.item(4)).getAttribute("name"));
    Element tls = (Element) suites.item(1);
    assertEquals("AZ-TST-0001", tls.getAttribute("name"));
    assertEquals("5", tls.getAttribute("tests"));
    assertEquals("2", tls.getAttribute("failures"));
    assertEquals(14, document.getElementsByTagName("testcase").getLength());
  }

  /** The test case of an assessment-level suite by classname and name. */
  private static Element caseOf(Document document, String classname, String name) {
    NodeList cases = document.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element element = (Element) cases.item(i);
      if (element.getAttribute("classname").equals(classname) && element.getAttribute("name").equals(name)) {
        return element;
      }
    }
    throw new AssertionError("no testcase " + classname + " " + name);
  }

  private Document parse(Assessment other, String folder) throws Exception {
    Path file = new JunitReportWriter().write(other, dir.resolve(folder));
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  @Test
  void theScanSuiteHasAnErrorForAnIncompleteScanAndAFailureForTheGateWithTheReason() throws Exception {
    Element completeness = child(caseOf(document, "attest.scan", "completeness"), "error");
    assertEquals("incomplete", completeness.getAttribute("type"));
    assertTrue(completeness.getAttribute("message").startsWith("incomplete: 0 input problem(s), 1 check(s) that could "
        + "not be evaluated"), completeness.getAttribute("message"));
    Element gate = child(caseOf(document, "attest.scan", "gate"), "failure");
    assertEquals("gate fail (exit 1): 2 unwaived failing finding(s) at or above high; the scan is incomplete",
        gate.getAttribute("message"));

    // Input that could not be read: every problem is named in the error's body.
    Assessment unread = SampleScan.assess(dir.resolve("unread"));
    Summary s = unread.summary();
    Summary withProblems = new Summary(s.tool(), s.rulePack(), s.scope(), s.coverage(), s.findingsByStatus(),
        s.failuresBySeverity(), s.findingsByArea(), s.controlsByStatus(), s.controlsByCoverage(),
        new Summary.Completeness(false, 0, List.of("snap/broken.json:1:9: malformed JSON", "snap/other.json: cannot be read")),
        new Gate(Severity.CRITICAL, Set.of()).judgeCounts(0, 0, 0, false), null, null, null, null);
    Document incomplete = parse(new Assessment(withProblems, unread.controls(), unread.findings()), "incomplete");
    Element error = child(caseOf(incomplete, "attest.scan", "completeness"), "error");
    assertTrue(error.getTextContent().contains("problem: snap/broken.json:1:9: malformed JSON\n"
        + "problem: snap/other.json: cannot be read"), error.getTextContent());
    Element skippedGate = child(caseOf(incomplete, "attest.scan", "gate"), "skipped");
    assertTrue(skippedGate.getAttribute("message").startsWith("gate incomplete (exit 3)"), skippedGate.getAttribute("message"));
    assertEquals("2", incomplete.getDocumentElement().getAttribute("errors"), "the ERROR finding and the incomplete scan");
  }

  @Test
  void underExpiredWaiversFailTheExpiredWaiverAndTheGateFailAndItsFailuresSaySo() throws Exception {
    Assessment lapsed = SampleScan.assess(dir.resolve("lapsed"), new AssessmentInputs(SampleScan.expiredWaiver(dir),
        List.of(), LocalDate.of(2026, 11, 1), null), new Gate(null, Set.of(), true, false));
    Document gated = parse(lapsed, "gated");
    Element waiver = child(caseOf(gated, "waiver", "WVR-LAPSED"), "failure");
    assertEquals("expired-waiver", waiver.getAttribute("type"));
    assertEquals("waiver expired (expires 2026-01-31), 0 finding(s) waived, 1 failure(s) it no longer covers",
        waiver.getAttribute("message"));
    assertTrue(child(caseOf(gated, "attest.scan", "gate"), "failure").getAttribute("message")
        .contains("1 expired waiver(s) in the register (--expired-waivers fail): WVR-LAPSED (expired after 2026-01-31)"));
    String resourceId = JunitReportWriter.text(SampleScan.finding(lapsed, "AZ-TST-0001", "old").resourceId());
    assertTrue(child(caseOf(gated, "AZ-TST-0001", resourceId), "failure").getTextContent()
        .contains("no longer waived: WVR-LAPSED expired after 2026-01-31"));

    Assessment warned = SampleScan.assess(dir.resolve("warned"), new AssessmentInputs(SampleScan.expiredWaiver(dir),
        List.of(), LocalDate.of(2026, 11, 1), null), new Gate(null, Set.of(), false, false));
    Document warning = parse(warned, "warned");
    assertTrue(child(caseOf(warning, "waiver", "WVR-LAPSED"), "skipped") != null, "with warn it is skipped");
    assertTrue(child(caseOf(warning, "attest.scan", "gate"), "failure") == null);
  }

  @Test
  void liveCoverageGapsPolicyDisagreementsAndLogEvidenceAreCases() throws Exception {
    Document live = parse(SampleScan.withLiveSections(SampleScan.assess(dir.resolve("live"))), "live-out");
    Element denied = child(caseOf(live, "scope", SampleScan.DENIED), "error");
    assertEquals("denied", denied.getAttribute("type"));
    assertEquals(SampleScan.DENIED + " was read denied: Resources: HTTP 403 AuthorizationFailed", denied.getAttribute("message"));
    assertEquals("Resources: 1 complete, 1 denied", child(caseOf(live, "read", "Resources"), "error").getAttribute("message"));
    assertEquals("policy states: 1 complete, 1 failed",
        child(caseOf(live, "read", "policy states"), "error").getAttribute("message"));
    NodeList scopes = live.getElementsByTagName("testcase");
    for (int i = 0; i < scopes.getLength(); i++) {
      Element c = (Element) scopes.item(i);
      assertFalse(c.getAttribute("classname").equals("scope") && c.getAttribute("name").equals(SampleScan.SUBSCRIPTION),
          "a completely read subscription is no case");
    }
    Element policy = child(caseOf(live, "hipaa:164.312(e)(1)", SampleScan.RG + "/providers/Microsoft.Storage/storageAccounts/good"),
        "skipped");
    assertEquals("Azure Policy disagrees: Attest PASS, Azure Policy NonCompliant (def-tls)", policy.getAttribute("message"));
    assertTrue(child(caseOf(live, "EV-SIGNIN", "law-clinical"), "system-out").getTextContent().contains(": met;"));
    Element notCollected = child(caseOf(live, "EV-ACCESS", "law-clinical"), "error");
    assertEquals("not-collected", notCollected.getAttribute("type"));
    assertTrue(notCollected.getAttribute("message").contains("not collected (table StorageBlobLogs does not exist)"));
    Element coverageSuite = (Element) live.getElementsByTagName("testsuite").item(4);
    assertEquals("attest.coverage", coverageSuite.getAttribute("name"));
    assertEquals("3", coverageSuite.getAttribute("errors"));
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
    assertEquals(2, document.getElementsByTagName("error").getLength(), "the ERROR finding and the scan's completeness");
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
