package dev.attest.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code attest} command line: wires the stages together and maps outcomes to exit codes. */
@Command(name = "attest", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Compliance posture scanner and HIPAA/HITRUST evidence reporter for Microsoft Azure.",
    subcommands = {ScanCommand.class, ReportCommand.class, RulesCommand.class, ControlsCommand.class,
        DiffCommand.class, BundleCommand.class, VerifyCommand.class, KeygenCommand.class,
        DemoCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code;
    try {
      code = run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    } catch (OutOfMemoryError e) {
      // One line, not a stack trace: the tenant did not fit in the heap the JVM was given.
      System.err.println("attest: out of memory (Java heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
          + " MB); give the JVM more, e.g. JAVA_OPTS=-Xmx4g");
      code = 70;
    }
    System.exit(code);
  }

  /** Runs the CLI with the given streams and returns the exit code (see DESIGN 2.6). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return run(out, err, CommandLine.defaultFactory(), args);
  }

  /** Runs the CLI with a factory for its commands (tests hand live scans an emulator's connection). */
  public static int run(PrintWriter out, PrintWriter err, CommandLine.IFactory factory, String... args) {
    CommandLine cli = new CommandLine(new Main(), factory);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      // Unexpected failures still end in one line, never a stack trace for users.
      commandLine.getErr().println("attest: internal error: " + e);
      return 70;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The tool version, from the build. */
  public static String version() {
    try (InputStream in = Main.class.getResourceAsStream("/dev/attest/version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }

  /** Supplies --version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"attest " + version()};
    }
  }
}
