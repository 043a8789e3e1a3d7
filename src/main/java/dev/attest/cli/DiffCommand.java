package dev.attest.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.assessment.Gate;
import dev.attest.baseline.Comparison;
import dev.attest.baseline.ComparisonText;
import dev.attest.baseline.FindingsSnapshot;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code attest diff OLD NEW}: what changed between two assessments (findings files or bundles). */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = "Compare two findings files or bundles: new, resolved, still open and newly waived findings, "
        + "controls that changed status, waivers that expired in between. Bundles are verified first.")
final class DiffCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD", description = "The earlier findings.json, bundle folder or zip.")
  Path older;

  @Parameters(index = "1", paramLabel = "NEW", description = "The later findings.json, bundle folder or zip.")
  Path newer;

  @Option(names = "--format", paramLabel = "text|json|md", defaultValue = "text",
      description = "Output format (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--trusted-key", paramLabel = "PUBKEY",
      description = "The public key (PEM) that bundles given as OLD or NEW must be signed with; without it their "
          + "hashes are checked and their signatures against the key they carry.")
  Path trustedKey;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!format.equals("text") && !format.equals("json") && !format.equals("md")) {
      err.println("attest diff: --format takes text, json or md, not '" + format + "'");
      return Gate.USAGE;
    }
    Comparison comparison;
    try {
      java.security.PublicKey trusted = BaselineInput.trustedKey(trustedKey, "--trusted-key");
      BaselineInput input = new BaselineInput();
      comparison = Comparison.between(input.read(older, trusted).snapshot(), input.read(newer, trusted).snapshot());
    } catch (FindingsSnapshot.Unreadable e) {
      err.println("attest diff: " + e.getMessage());
      return Gate.USAGE;
    }
    switch (format) {
      case "json" -> {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));
        out.println(new ObjectMapper().writer(printer).writeValueAsString(comparison));
      }
      case "md" -> out.print(ComparisonText.markdown(comparison));
      default -> {
        // Paths are for the person at the terminal; the comparison itself names files, not paths.
        out.println("Old: " + older);
        out.println("New: " + newer);
        out.print(ComparisonText.text(comparison));
      }
    }
    out.flush();
    return Gate.OK;
  }
}
