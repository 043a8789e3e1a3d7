package dev.attest.waivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attest.engine.Finding;
import dev.attest.engine.Status;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaiverTest {
  private static final String ST = "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-dev/providers/"
      + "Microsoft.Storage/storageAccounts/stdev01";

  private static Waiver waiver(List<String> rules, List<String> resources, Map<String, String> tags, String expires) {
    return new Waiver("W", rules, resources, tags, Waiver.Category.WAIVER, null, "j", "a", null, LocalDate.parse(expires));
  }

  @Test
  void selectorsAreCaseInsensitiveGlobsAndAllMustMatch() {
    assertTrue(waiver(List.of("az-tls-*"), List.of(), Map.of(), "2030-01-01").covers("AZ-TLS-0001", ST, Map.of()));
    assertFalse(waiver(List.of("AZ-TLS-*"), List.of(), Map.of(), "2030-01-01").covers("AZ-NET-0001", ST, Map.of()));
    Waiver byGroup = waiver(List.of(), List.of("/subscriptions/*/resourceGroups/RG-DEV/**"), Map.of(), "2030-01-01");
    assertTrue(byGroup.covers("AZ-NET-0001", ST, Map.of()));
    assertFalse(byGroup.covers("AZ-NET-0001", ST.replace("rg-dev", "rg-prod"), Map.of()));
    Waiver oneSegment = waiver(List.of(), List.of("/subscriptions/*/resourceGroups/*"), Map.of(), "2030-01-01");
    assertFalse(oneSegment.covers("AZ-NET-0001", ST, Map.of()), "* stays within one id segment");
    Waiver both = waiver(List.of("AZ-TLS-0001"), List.of(ST.toUpperCase()), Map.of(), "2030-01-01");
    assertTrue(both.covers("AZ-TLS-0001", ST, Map.of()));
    assertFalse(both.covers("AZ-TLS-0002", ST, Map.of()), "rule and resource selectors must both match");
    Waiver byTag = waiver(List.of(), List.of(), Map.of("Environment", "dev*"), "2030-01-01");
    assertTrue(byTag.covers("AZ-TLS-0001", ST, Map.of("environment", "development")));
    assertFalse(byTag.covers("AZ-TLS-0001", ST, Map.of("environment", "prod")));
    assertFalse(byTag.covers("AZ-TLS-0001", ST, Map.of()));
  }

  @Test
  void onlyFailuresAreWaivedAndTheFirstUnexpiredMatchingWaiverWins() {
    Finding fail = new Finding("f1", "AZ-TLS-0001", "t", ST, "stdev01", "Microsoft.Storage/storageAccounts", "s",
        Status.FAIL, "high", "tls", List.of(), "m", List.of());
    Finding pass = new Finding("f2", "AZ-TLS-0002", "t", ST, "stdev01", "Microsoft.Storage/storageAccounts", "s",
        Status.PASS, "high", "tls", List.of(), "m", List.of());
    Waiver expired = new Waiver("OLD", List.of("AZ-TLS-*"), List.of(), Map.of(), Waiver.Category.WAIVER, null, "j", "a",
        null, LocalDate.parse("2026-01-01"));
    Waiver current = new Waiver("NEW", List.of("AZ-TLS-*"), List.of(), Map.of(), Waiver.Category.RISK_ACCEPTED, null, "j",
        "a", null, LocalDate.parse("2026-12-01"));
    var result = WaiverApplication.apply(List.of(expired, current), List.of(fail, pass), LocalDate.parse("2026-11-23"),
        id -> Map.of());
    assertEquals(Status.WAIVED, result.findings().get(0).status());
    assertEquals("NEW", result.findings().get(0).waiver());
    assertEquals(Status.PASS, result.findings().get(1).status());
    assertEquals(WaiverResult.State.EXPIRED, result.waivers().get(0).state());
    assertEquals(1, result.waivers().get(0).uncoveredFindings());
    assertEquals(WaiverResult.State.EXPIRING_SOON, result.waivers().get(1).state());
    assertEquals(1, result.expired());
    var onExpiryDay = WaiverApplication.apply(List.of(expired), List.of(fail), LocalDate.parse("2026-01-01"), id -> Map.of());
    assertEquals(Status.WAIVED, onExpiryDay.findings().get(0).status(), "a waiver applies through its expiry date");
  }
}
