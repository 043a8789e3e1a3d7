package dev.attest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.attest.assessment.Gate;
import dev.attest.generate.GenerateRequest;
import dev.attest.generate.GeneratedTenant;
import dev.attest.generate.OutputFormat;
import dev.attest.generate.TenantGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code attest demo generate}: writes a deterministic synthetic tenant of any size. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Write a synthetic tenant cloned from the Contoso Health demo (same seed, same bytes).",
        "Scan it with: attest scan --snapshot DIR"})
final class GenerateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--resources", paramLabel = "N", required = true, description = "Number of ARM objects to write.")
  int resources;

  @Option(names = "--subscriptions", paramLabel = "S", defaultValue = "10",
      description = "Number of subscriptions to spread them over (default: ${DEFAULT-VALUE}).")
  int subscriptions;

  @Option(names = "--seed", paramLabel = "K", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write (must be empty or new).")
  Path out;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
      description = "jsonl (50,000 objects a file) or resource-graph ({\"count\",\"data\"} pages of 1,000) "
          + "(default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    OutputFormat chosen = OutputFormat.parse(format).orElse(null);
    if (chosen == null) {
      err.println("attest demo generate: unknown format '" + format + "' (available: "
          + Arrays.stream(OutputFormat.values()).map(OutputFormat::label).collect(Collectors.joining(", ")) + ")");
      return Gate.USAGE;
    }
    GenerateRequest request;
    try {
      request = new GenerateRequest(resources, subscriptions, seed, out, chosen);
    } catch (IllegalArgumentException e) {
      err.println("attest demo generate: " + e.getMessage());
      return Gate.USAGE;
    }
    try {
      if (Files.isDirectory(out)) {
        try (var entries = Files.list(out)) {
          if (entries.findAny().isPresent()) {
            err.println("attest demo generate: " + out + " is not empty; give a new or empty folder");
            return Gate.USAGE;
          }
        }
      }
      GeneratedTenant tenant = new TenantGenerator(new ObjectMapper()).generate(request);
      spec.commandLine().getOut().printf(Locale.ROOT,
          "Wrote %d objects (%d demo cells, %d subscriptions, seed %d) to %s in %d %s file(s), %.1f MB%n",
          tenant.objects(), tenant.cells(), tenant.subscriptions(), seed, out, tenant.files().size(), chosen.label(),
          tenant.bytes() / 1e6);
      return Gate.OK;
    } catch (IOException e) {
      err.println("attest demo generate: cannot write " + out + ": " + e.getMessage());
      return Gate.USAGE;
    }
  }
}
