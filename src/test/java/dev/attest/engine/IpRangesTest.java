package dev.attest.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpRangesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode rule(String start, String end) throws Exception {
    return MAPPER.readTree("{\"startIpAddress\":\"" + start + "\",\"endIpAddress\":\"" + end + "\"}");
  }

  @ParameterizedTest(name = "{0} - {1} holds {2} public addresses")
  @CsvSource({
      "0.0.0.0,        0.0.0.0,          0",           // Allow Azure services: no public address at all
      "203.0.113.10,   203.0.113.14,     0",           // a documentation net is not routable
      "20.40.0.0,      20.40.255.255,    65536",       // a partner's /16
      "10.0.0.0,       10.255.255.255,   0",           // RFC 1918
      "9.255.255.255,  11.0.0.0,         2",           // straddling 10/8 counts only its ends
      "1.0.0.0,        223.255.255.255,  3702258688",  // avoids 0/8 and 224/4 yet is the whole unicast internet
      "0.0.0.0,        255.255.255.255,  3702258688"})
  void countsPubliclyRoutableAddressesNumerically(String start, String end, long expected) throws Exception {
    assertEquals(expected, IpRanges.publicAddresses(rule(start, end)));
  }

  @Test
  void readsCidrAndDashedTextAsCosmosAndStorageRulesWriteThem() {
    assertEquals(256, IpRanges.publicAddresses(TextNode.valueOf("52.1.2.0/24")));
    assertEquals(256, IpRanges.publicAddresses(TextNode.valueOf("52.1.2.77/24")), "host bits are ignored, as Azure does");
    assertEquals(1, IpRanges.publicAddresses(TextNode.valueOf("52.1.2.3")));
    assertEquals(11, IpRanges.publicAddresses(TextNode.valueOf("52.1.2.0-52.1.2.10")));
    assertTrue(IpRanges.publicAddresses(TextNode.valueOf("0.0.0.0/0")) > 3_000_000_000L);
  }

  @Test
  void anythingThatIsNotAnIpv4RangeIsAnErrorNotAGuess() throws Exception {
    for (String bad : new String[] {"10.0.0", "256.0.0.1", "1.2.3.4/33", "::1", "a.b.c.d", "1.2.3.4.5", ""}) {
      assertThrows(EvaluationError.class, () -> IpRanges.publicAddresses(TextNode.valueOf(bad)), bad);
    }
    assertThrows(EvaluationError.class, () -> IpRanges.publicAddresses(rule("10.0.0.9", "10.0.0.1")));
    assertThrows(EvaluationError.class, () -> IpRanges.publicAddresses(MAPPER.readTree("{\"startIpAddress\":\"1.2.3.4\"}")));
  }

  @Test
  void theOperatorComparesAgainstItsThreshold() throws Exception {
    JsonNode partner = rule("20.40.0.0", "20.40.255.255");
    assertTrue(Evaluator.apply(dev.attest.rules.Operator.PUBLIC_ADDRESSES_AT_LEAST, partner, MAPPER.readTree("65536")));
    assertTrue(!Evaluator.apply(dev.attest.rules.Operator.PUBLIC_ADDRESSES_AT_LEAST, partner, MAPPER.readTree("65537")));
  }
}
