package dev.attest.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code attest demo}: tools around the embedded synthetic tenant. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Synthetic tenants for trying Attest out and for benchmarks.",
    subcommands = {GenerateCommand.class})
final class DemoCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
