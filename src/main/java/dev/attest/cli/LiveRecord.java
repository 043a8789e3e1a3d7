package dev.attest.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attest.assessment.CollectionCoverage;
import dev.attest.assessment.LiveInputs;
import dev.attest.evidence.EvidenceResult;
import dev.attest.inventory.ArmObject;
import dev.attest.inventory.InventorySink;
import dev.attest.inventory.InventorySource;
import dev.attest.inventory.SnapshotRecorder;
import dev.attest.inventory.SnapshotSource;
import dev.attest.inventory.SourceProblem;
import dev.attest.policy.PolicyStates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a live scan collected besides the inventory, kept beside a saved snapshot so that scanning
 * the folder offline gives the same findings byte for byte, and the same exit code:
 * {@value #COVERAGE} (every read's coverage, the summary's coverage section, the live source's
 * description and the problems it reported, and the problems of the reads after the inventory),
 * {@value #POLICY} (Azure Policy's states and exemptions, when read) and {@value #EVIDENCE} (the
 * log evidence, when a period was given), all already redacted.
 */
final class LiveRecord {
  static final String COVERAGE = "coverage.json";
  static final String POLICY = "policy.json";
  static final String EVIDENCE = "evidence.json";

  private final ObjectMapper mapper;

  LiveRecord(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Whether a folder is a snapshot saved by a live scan (an inventory and its coverage). */
  static boolean isSaved(Path folder) {
    return Files.isRegularFile(folder.resolve(SnapshotRecorder.FILE_NAME)) && Files.isRegularFile(folder.resolve(COVERAGE));
  }

  /** Whether a bundle's snapshot folder holds a live scan's record beside its objects. */
  static boolean isRecorded(Path folder) {
    return Files.isRegularFile(folder.resolve(COVERAGE));
  }

  /**
   * Writes the record. {@code coverage} is the full coverage document (as written beside the
   * findings); {@code source} and {@code problems} are what a re-scan replays for the inventory,
   * null and empty where the folder already replays them (a bundle's snapshot).
   */
  void write(Path folder, Object coverage, LiveInputs inputs, String source, List<SourceProblem> problems)
      throws IOException {
    Files.createDirectories(folder);
    ObjectNode document = mapper.valueToTree(coverage);
    document.set("collection", mapper.valueToTree(inputs.coverage()));
    document.set("readProblems", mapper.valueToTree(inputs.problems()));
    if (source != null) {
      document.put("source", source);
      document.set("sourceProblems", mapper.valueToTree(problems));
    }
    mapper.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(COVERAGE).toFile(), document);
    if (inputs.policy() != null) {
      mapper.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(POLICY).toFile(), inputs.policy());
    }
    if (inputs.evidence() != null) {
      mapper.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(EVIDENCE).toFile(), inputs.evidence());
    }
  }

  /** What a re-scan of a recorded folder uses: the inventory source (null: the caller's own) and the live inputs. */
  record Replay(InventorySource source, LiveInputs inputs) {}

  Replay read(Path folder) throws IOException {
    JsonNode document = mapper.readTree(folder.resolve(COVERAGE).toFile());
    CollectionCoverage coverage = mapper.convertValue(document.get("collection"), CollectionCoverage.class);
    if (coverage == null) {
      throw new IOException(folder.resolve(COVERAGE) + " holds no \"collection\" section");
    }
    List<String> readProblems = mapper.convertValue(document.path("readProblems"), new TypeReference<List<String>>() {});
    PolicyStates policy = Files.isRegularFile(folder.resolve(POLICY))
        ? mapper.readValue(folder.resolve(POLICY).toFile(), PolicyStates.class) : null;
    List<EvidenceResult> evidence = Files.isRegularFile(folder.resolve(EVIDENCE))
        ? mapper.readValue(folder.resolve(EVIDENCE).toFile(), new TypeReference<List<EvidenceResult>>() {}) : null;
    LiveInputs inputs = new LiveInputs(coverage, readProblems == null ? List.of() : readProblems, policy, evidence);
    InventorySource source = null;
    if (document.hasNonNull("source")) {
      List<SourceProblem> problems = mapper.convertValue(document.path("sourceProblems"),
          new TypeReference<List<SourceProblem>>() {});
      source = new Replayed(document.get("source").asText(), problems == null ? List.of() : problems,
          new SnapshotSource(List.of(folder.resolve(SnapshotRecorder.FILE_NAME)), mapper));
    }
    return new Replay(source, inputs);
  }

  /** The live source as the saved scan saw it: its description, its problems, its objects from the saved file. */
  private record Replayed(String description, List<SourceProblem> problems, InventorySource objects)
      implements InventorySource {
    @Override
    public String describe() {
      return description;
    }

    @Override
    public void readInto(InventorySink sink) {
      problems.forEach(sink::problem);
      objects.readInto(sink);
    }
  }

  /** Wraps the live source so that the problems it reports are kept for the record. */
  static final class Problems implements InventorySource {
    private final InventorySource source;
    private final List<SourceProblem> seen = Collections.synchronizedList(new ArrayList<>());

    Problems(InventorySource source) {
      this.source = source;
    }

    List<SourceProblem> seen() {
      synchronized (seen) {
        return List.copyOf(seen);
      }
    }

    @Override
    public String describe() {
      return source.describe();
    }

    @Override
    public void readInto(InventorySink sink) {
      source.readInto(new InventorySink() {
        @Override
        public void accept(ArmObject object, String origin) {
          sink.accept(object, origin);
        }

        @Override
        public void problem(SourceProblem problem) {
          seen.add(problem);
          sink.problem(problem);
        }
      });
    }
  }
}
