package dev.attest.cli;

import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
import dev.attest.rules.RuleProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared --rules option: a rule pack folder, or the pack inside the jar. */
final class RulePackOption {
  @Option(names = "--rules", paramLabel = "DIR",
      description = "Rule pack folder (pack.yaml, controls/, rules). Default: the pack shipped in the jar.")
  Path rules;

  /** Loads the pack; prints every problem and returns null when the pack is invalid. */
  RulePack load(PrintWriter err) {
    Path root = rules != null ? rules : RulePackLoader.bundledRoot();
    RulePack pack = RulePackLoader.load(root);
    if (!pack.valid()) {
      for (RuleProblem problem : pack.problems()) {
        err.println(problem.describe());
      }
      err.println("attest: the rule pack at " + root + " has " + pack.problems().size() + " problem(s)");
      return null;
    }
    return pack;
  }
}
