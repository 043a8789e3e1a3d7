package dev.attest.waivers;

import dev.attest.registers.RegisterFile;
import dev.attest.rules.RuleProblem;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The waiver register file ({@code --waivers FILE}), validated with file, line and column. */
public record WaiverRegister(Path file, List<Waiver> waivers, List<RuleProblem> problems) {
  private static final Set<String> KEYS = Set.of("id", "rules", "resources", "tags", "category",
      "compensatingControl", "justification", "approver", "ticket", "expires");
  private static final Pattern RULE_PATTERN = Pattern.compile("[A-Za-z0-9*?\\-\\[\\]{},]+");

  public WaiverRegister {
    waivers = List.copyOf(waivers);
    problems = List.copyOf(problems);
  }

  public static WaiverRegister read(Path file) {
    RegisterFile register = RegisterFile.read(file, "waivers", KEYS);
    List<Waiver> waivers = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (RegisterFile.Entry entry : register.entries()) {
      String id = entry.text("id", true);
      if (id != null && !ids.add(id.toLowerCase(java.util.Locale.ROOT))) {
        entry.problem("id", "duplicate waiver id '" + id + "'");
      }
      List<String> rules = entry.texts("rules");
      for (String rule : rules) {
        if (!RULE_PATTERN.matcher(rule).matches()) {
          entry.problem("rules", "'" + rule + "' is not a rule id or glob such as AZ-TLS-0003 or AZ-NET-*");
        }
      }
      List<String> resources = entry.texts("resources");
      for (String resource : resources) {
        if (!resource.startsWith("/") && !resource.startsWith("*")) {
          entry.problem("resources", "'" + resource + "' is not an ARM resource id or glob (ids start with /subscriptions/…)");
        }
      }
      var tags = entry.textMap("tags");
      if (rules.isEmpty() && resources.isEmpty() && tags.isEmpty()) {
        entry.problem(null, "a waiver needs at least one selector: rules, resources or tags");
      }
      String categoryText = entry.text("category", true);
      Waiver.Category category = null;
      if (categoryText != null) {
        category = Waiver.Category.parse(categoryText).orElse(null);
        if (category == null) {
          entry.problem("category", "category must be waiver, mitigated or risk-accepted, not '" + categoryText + "'");
        }
      }
      String compensating = entry.text("compensatingControl", category == Waiver.Category.MITIGATED);
      String justification = entry.text("justification", true);
      String approver = entry.text("approver", true);
      String ticket = entry.text("ticket", false);
      LocalDate expires = entry.date("expires", true);
      if (id != null && category != null && justification != null && approver != null && expires != null) {
        waivers.add(new Waiver(id, rules, resources, tags, category, compensating, justification, approver, ticket,
            expires));
      }
    }
    return new WaiverRegister(file, waivers, register.problems());
  }
}
