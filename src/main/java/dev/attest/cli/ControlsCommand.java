package dev.attest.cli;

import dev.attest.assessment.Gate;
import dev.attest.controls.Control;
import dev.attest.rules.Rule;
import dev.attest.rules.RulePack;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code attest controls}: the control catalog with coverage and the rules behind each control. */
@Command(name = "controls", mixinStandardHelpOptions = true,
    description = "List the control catalog with coverage and the rules that test each control.")
final class ControlsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Mixin
  RulePackOption rulePack = new RulePackOption();
  @Option(names = "--framework", description = "Only this framework (hipaa, hitrust).")
  String framework;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    RulePack pack = rulePack.load(spec.commandLine().getErr());
    if (pack == null) {
      return Gate.USAGE;
    }
    Map<String, List<String>> rulesByControl = new TreeMap<>();
    for (Rule rule : pack.rules()) {
      rule.controls().forEach(c -> rulesByControl.computeIfAbsent(c, k -> new java.util.ArrayList<>()).add(rule.id()));
    }
    Map<String, Integer> coverage = new TreeMap<>();
    for (Control control : pack.catalog().controls()) {
      if (framework != null && !control.framework().equalsIgnoreCase(framework)) {
        continue;
      }
      List<String> rules = rulesByControl.getOrDefault(control.id(), List.of());
      coverage.merge(control.coverage().label(), 1, Integer::sum);
      out.printf("%-26s %-12s %-20s %s%n", control.id(), control.designation(), control.coverage().label(),
          control.title());
      if (!rules.isEmpty()) {
        out.println("    rules: " + String.join(", ", rules));
      }
    }
    out.println("coverage: " + coverage);
    return Gate.OK;
  }
}
