package dev.attest.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attest.assessment.Assessment;
import dev.attest.inventory.ArmObject;
import dev.attest.report.ReportWriter;
import dev.attest.rules.RulePack;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Everything a bundle is made of: the assessment and the writers that render it, the rule pack it
 * was assessed with, the registers it weighed, the snapshot that was evaluated (absent when bundling a saved findings file
 * without one), the scan settings, scope name, period, command line and the signing key (or none).
 */
public record BundleRequest(
    Assessment assessment,
    List<ReportWriter> writers,
    RulePack pack,
    Snapshot snapshot,
    ScanConfig config,
    List<Input> inputs,
    String scopeName,
    String period,
    List<String> commandLine,
    KeyPair signingKey) {

  public BundleRequest {
    writers = List.copyOf(writers);
    inputs = List.copyOf(inputs);
    commandLine = List.copyOf(commandLine);
  }

  /**
   * A scan input the findings depend on besides the snapshot and rules: a file (waiver or
   * attestation register, with the evidence files it names relative to itself), bytes (the
   * baseline findings), copied to {@code inputs/<option>/}; a plain value (the --as-of day); or a
   * bare flag (--fail-on-new, value null). Either way its option joins the manifest's reproduce command.
   */
  public record Input(String option, String value, Path file, List<String> companions, Map<String, byte[]> contents,
      String contentName) {
    public Input {
      companions = List.copyOf(companions);
      contents = contents == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(contents));
    }

    public Input(String option, Path file) {
      this(option, null, file, List.of(), null, null);
    }

    public Input(String option, String value) {
      this(option, value, null, List.of(), null, null);
    }

    /** A register and the files it names relative to its own folder (attestation evidence). */
    public static Input withCompanions(String option, Path file, List<String> companions) {
      return new Input(option, null, file, companions, null, null);
    }

    /** An option without a value, such as {@code --fail-on-new}. */
    public static Input flag(String option) {
      return new Input(option, null, null, List.of(), null, null);
    }

    /**
     * Content read elsewhere (a baseline's findings.json, possibly from inside a zip, with the
     * manifest, signature and public key of its bundle), written side by side; the reproduce
     * command names {@code name}.
     */
    public static Input ofBytes(String option, String name, Map<String, byte[]> contents) {
      return new Input(option, null, null, List.of(), contents, name);
    }
  }

  /** The evaluated objects and the provenance a re-scan replays. */
  public record Snapshot(Collection<ArmObject> objects, BundleSnapshot.Provenance provenance) {}

  /**
   * The settings that shaped the findings, written as {@code scan-config.yaml} in the format
   * {@code attest scan --config} reads, so a re-scan applies the same gate and parameters.
   * {@code parameters} is null when unknown (a bundle made from a saved findings file).
   */
  public record ScanConfig(String failOn, List<String> failOnControls, Map<String, Map<String, JsonNode>> parameters) {
    public ScanConfig {
      failOnControls = List.copyOf(failOnControls);
    }
  }
}
