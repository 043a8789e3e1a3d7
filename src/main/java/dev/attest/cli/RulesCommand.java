package dev.attest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.attest.assessment.Gate;
import dev.attest.engine.FixtureRunner;
import dev.attest.rules.Rule;
import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code attest rules list|show|test}: describe the catalog and run rule fixtures. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List, show and test rules.",
    subcommands = {RulesCommand.ListRules.class, RulesCommand.ShowRule.class, RulesCommand.TestRules.class})
final class RulesCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the rules.")
  static final class ListRules implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    RulePackOption rulePack = new RulePackOption();
    @Option(names = "--format", defaultValue = "text", description = "text or json.")
    String format;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      RulePack pack = rulePack.load(spec.commandLine().getErr());
      if (pack == null) {
        return Gate.USAGE;
      }
      if (format.equals("json")) {
        List<Map<String, Object>> rows = pack.rules().stream().map(RulesCommand::row).toList();
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
        return Gate.OK;
      }
      if (!format.equals("text")) {
        spec.commandLine().getErr().println("attest rules list: unknown format '" + format + "' (text, json)");
        return Gate.USAGE;
      }
      for (Rule rule : pack.rules()) {
        out.printf("%-12s %-8s %-15s %-45s %s%n", rule.id(), rule.severity().label(), rule.area(),
            rule.resourceType(), rule.title());
      }
      Map<String, Long> byArea = new java.util.TreeMap<>();
      pack.rules().forEach(r -> byArea.merge(r.area(), 1L, Long::sum));
      out.println(pack.rules().size() + " rules: " + byArea);
      return Gate.OK;
    }
  }

  static Map<String, Object> row(Rule rule) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", rule.id());
    row.put("name", rule.name());
    row.put("title", rule.title());
    row.put("severity", rule.severity().label());
    row.put("area", rule.area());
    row.put("resourceType", rule.resourceType());
    row.put("controls", rule.controls());
    return row;
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Describe one rule.")
  static final class ShowRule implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    RulePackOption rulePack = new RulePackOption();
    @Parameters(paramLabel = "ID", description = "Rule id or name.")
    String id;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      RulePack pack = rulePack.load(spec.commandLine().getErr());
      if (pack == null) {
        return Gate.USAGE;
      }
      var found = pack.rule(id);
      if (found.isEmpty()) {
        spec.commandLine().getErr().println("attest rules show: no rule " + id);
        return Gate.USAGE;
      }
      Rule rule = found.get();
      out.println(rule.id() + "  " + rule.name());
      out.println(rule.title());
      out.println("severity: " + rule.severity().label() + "   area: " + rule.area() + "   resource type: "
          + rule.resourceType());
      out.println("controls: " + String.join(", ", rule.controls()));
      rule.controls().forEach(c -> pack.catalog().find(c)
          .ifPresent(control -> out.println("  " + control.id() + "  " + control.title()
              + (control.designation().isEmpty() ? "" : " (" + control.designation() + ")"))));
      out.println();
      out.println("Description:\n  " + rule.description().strip().replace("\n", "\n  "));
      out.println("Rationale:\n  " + rule.rationale().strip().replace("\n", "\n  "));
      out.println("Remediation:\n  " + rule.remediation().text().strip().replace("\n", "\n  "));
      if (rule.remediation().az() != null) {
        out.println("  az:\n    " + rule.remediation().az().strip().replace("\n", "\n    "));
      }
      if (rule.remediation().bicep() != null) {
        out.println("  bicep:\n    " + rule.remediation().bicep().strip().replace("\n", "\n    "));
      }
      if (!rule.parameters().isEmpty()) {
        out.println("Parameters:");
        rule.parameters().values().forEach(p -> out.println("  " + p.name() + " (" + p.type().label() + ", default "
            + p.defaultValue() + ") " + p.description()));
      }
      if (!rule.references().isEmpty()) {
        out.println("References:");
        rule.references().forEach(r -> out.println("  " + r));
      }
      out.println("Source: " + rule.source());
      return Gate.OK;
    }
  }

  @Command(name = "test", mixinStandardHelpOptions = true,
      description = "Run rule fixtures: every case must get its expected outcome.")
  static final class TestRules implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "PATH", arity = "0..1",
        description = "A rule pack folder, a sub-folder of one, or one rule file. Default: ./rules, else the bundled pack.")
    Path path;
    @Option(names = {"-v", "--verbose"}, description = "Print every case, not only failures.")
    boolean verbose;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path target = path != null ? path : Path.of("rules");
      Path root = packRoot(target);
      if (root == null) {
        root = path == null ? RulePackLoader.bundledRoot() : null;
        if (root == null) {
          err.println("attest rules test: " + target + " is not inside a rule pack (no pack.yaml above it)");
          return Gate.USAGE;
        }
        target = root;
      }
      RulePack pack = RulePackLoader.load(root);
      if (!pack.valid()) {
        pack.problems().forEach(p -> err.println(p.describe()));
        err.println(pack.problems().size() + " problem(s) in the rule pack");
        // A pack that does not load is a configuration error (2), not a failing fixture (1).
        return Gate.USAGE;
      }
      Path absoluteTarget = target.toAbsolutePath().normalize();
      Path absoluteRoot = root.toAbsolutePath().normalize();
      List<Rule> selected = pack.rules().stream()
          .filter(r -> absoluteRoot.resolve(r.source()).normalize().startsWith(absoluteTarget)).toList();
      FixtureRunner.Report report = new FixtureRunner().run(pack, selected);
      long passed = 0;
      for (FixtureRunner.Outcome outcome : report.outcomes()) {
        if (outcome.passed()) {
          passed++;
          if (verbose) {
            out.printf("ok   %s %s%n", outcome.ruleId(), outcome.caseName());
          }
        } else {
          out.printf("FAIL %s %s (%s): expected %s, got %s: %s%n", outcome.ruleId(), outcome.caseName(),
              outcome.place(), outcome.expected(), outcome.actual(), outcome.message());
        }
      }
      report.problems().forEach(p -> out.println("FAIL " + p));
      out.printf("%d rules, %d cases%n", selected.size(), report.outcomes().size());
      out.printf("%d passed, %d failed%n", passed, report.failures());
      return report.failures() == 0 ? Gate.OK : Gate.FAILED;
    }

    /** The nearest folder at or above the target holding pack.yaml. */
    private static Path packRoot(Path target) {
      Path current = target.toAbsolutePath().normalize();
      if (!java.nio.file.Files.isDirectory(current)) {
        current = current.getParent();
      }
      while (current != null) {
        if (java.nio.file.Files.exists(current.resolve("pack.yaml"))) {
          return current;
        }
        current = current.getParent();
      }
      return null;
    }
  }
}
