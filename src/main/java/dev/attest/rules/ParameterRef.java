package dev.attest.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Azure Policy's {@code "[parameters('name')]"} references inside rule values. */
public final class ParameterRef {
  private static final Pattern REF = Pattern.compile("^\\[parameters\\('([A-Za-z0-9_.-]+)'\\)\\]$");

  private ParameterRef() {}

  /** The referenced parameter's name, or null when the node is not a reference. */
  public static String name(JsonNode node) {
    if (node == null || !node.isTextual()) {
      return null;
    }
    Matcher m = REF.matcher(node.asText().trim());
    return m.matches() ? m.group(1) : null;
  }
}
