package dev.attest.cli;

import dev.attest.assessment.Assessment;
import dev.attest.assessment.Gate;
import dev.attest.report.ReportFormats;
import dev.attest.report.ReportWriter;
import dev.attest.report.json.FindingsReader;
import dev.attest.rules.RulePack;
import dev.attest.rules.RulePackLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code attest report}: render reports from a saved findings.json, without rescanning. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Render reports from a saved findings.json without rescanning.",
    footer = {"", "Exit codes: 0 reports written, 2 usage error or unreadable findings file."})
final class ReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FINDINGS", description = "A findings.json written by attest scan.")
  Path findings;

  @Option(names = "--format", split = ",", paramLabel = "FORMAT", completionCandidates = FormatNames.class,
      description = "Output formats, comma-separated or repeated: ${COMPLETION-CANDIDATES} (default: all but json).")
  List<String> formats;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the folder holding FINDINGS).")
  Path out;

  @Mixin
  DocumentArgs documentArgs = new DocumentArgs();

  @Option(names = "--period", paramLabel = "TEXT",
      description = "The period the evidence covers, shown on the HTML/PDF cover (e.g. 2025-Q1).")
  String period;

  @Option(names = "--scope-name", paramLabel = "NAME", description = "A name for the scope, shown on the HTML/PDF cover.")
  String scopeName;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Assessment assessment;
    try {
      assessment = new FindingsReader().read(findings);
    } catch (FindingsReader.Unreadable e) {
      err.println("attest report: " + e.getMessage());
      return Gate.USAGE;
    }
    // Control requirement text comes from the shipped catalog only when the findings were made with that pack.
    RulePack shipped = RulePackLoader.load(RulePackLoader.bundledRoot());
    var documents = documentArgs.options(shipped.hash().equals(assessment.summary().rulePack().sha256())
        ? shipped.catalog() : null, err, "attest report", period, scopeName);
    if (documents == null) {
      return Gate.USAGE;
    }
    ReportFormats registry = new ReportFormats(documents);
    List<ReportWriter> writers;
    try {
      // The input already is the json report, so by default it is not written again.
      writers = registry.select(formats != null ? formats
          : registry.names().stream().filter(name -> !name.equals("json")).toList());
    } catch (IllegalArgumentException e) {
      err.println("attest report: " + e.getMessage());
      return Gate.USAGE;
    }
    Path target = out != null ? out : findings.toAbsolutePath().getParent();
    PrintWriter stdout = spec.commandLine().getOut();
    for (ReportWriter writer : writers) {
      try {
        stdout.println("Wrote " + writer.write(assessment, target));
      } catch (IOException e) {
        err.println("attest report: cannot write " + writer.format() + " output to " + target + ": " + e.getMessage());
        return Gate.USAGE;
      }
    }
    return Gate.OK;
  }
}
