package dev.attest.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;

/** Source address prefixes and service tags that mean "the whole internet". */
public final class AddressPrefixes {
  private static final Set<String> INTERNET = Set.of("*", "any", "internet", "0.0.0.0/0", "0.0.0.0", "::/0",
      "0::/0");

  private AddressPrefixes() {}

  /** True when the prefix, or any prefix in an array, includes every internet address. */
  public static boolean includesInternet(JsonNode node) {
    if (Values.absent(node)) {
      return false;
    }
    if (node.isArray()) {
      boolean lowerHalf = false;
      boolean upperHalf = false;
      for (JsonNode element : node) {
        if (includesInternet(element)) {
          return true;
        }
        String text = element.asText().trim();
        lowerHalf |= text.equals("0.0.0.0/1");
        upperHalf |= text.equals("128.0.0.0/1");
      }
      return lowerHalf && upperHalf;
    }
    return INTERNET.contains(node.asText().trim().toLowerCase(Locale.ROOT));
  }
}
