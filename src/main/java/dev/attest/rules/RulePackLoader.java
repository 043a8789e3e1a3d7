package dev.attest.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.attest.controls.Control;
import dev.attest.controls.ControlCatalog;
import dev.attest.controls.Coverage;
import dev.attest.evidence.EvidenceQuery;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads a rule pack from a folder (the repo's {@code rules/}, a user's copy, or the copy inside
 * the jar): {@code pack.yaml}, the control catalog under {@code controls/}, log evidence queries
 * under {@code evidence/}, and one rule per {@code *.yaml} file elsewhere, validating all of it and reporting every problem.
 */
public final class RulePackLoader {
  private static final String FIXTURES_SUFFIX = ".fixtures.yaml";

  private RulePackLoader() {}

  /** The rule pack shipped inside the jar (or the classes folder when run from a build). */
  public static Path bundledRoot() {
    URL marker = RulePackLoader.class.getResource("/rules/pack.yaml");
    if (marker == null) {
      throw new IllegalStateException("the bundled rule pack is missing from this build");
    }
    try {
      URI uri = marker.toURI();
      if (uri.getScheme().equals("jar")) {
        FileSystem jar;
        try {
          jar = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          jar = FileSystems.getFileSystem(uri);
        }
        return jar.getPath("/rules");
      }
      return Path.of(uri).getParent();
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("the bundled rule pack cannot be opened: " + e.getMessage(), e);
    }
  }

  public static RulePack load(Path root) {
    List<RuleProblem> problems = new ArrayList<>();
    List<Path> files = listYaml(root, problems);
    MessageDigest digest = sha256();
    String name = "rules";
    String version = "0";
    List<Control> controls = new ArrayList<>();
    List<Path> ruleFiles = new ArrayList<>();
    List<Path> evidenceFiles = new ArrayList<>();
    for (Path file : files) {
      String relative = relative(root, file);
      if (relative.endsWith(FIXTURES_SUFFIX)) {
        continue;
      }
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        problems.add(new RuleProblem(relative, 0, 0, "cannot be read: " + e.getMessage(), ""));
        continue;
      }
      digest.update(relative.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(text.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      if (relative.equals("pack.yaml")) {
        try {
          LocatedYaml doc = LocatedYaml.parse(relative, text);
          name = doc.root().path("name").asText(name);
          version = doc.root().path("version").asText(version);
        } catch (RuleProblem.Failure f) {
          problems.add(f.problem());
        }
      } else if (relative.startsWith("controls/")) {
        try {
          controls.addAll(CatalogParser.parse(LocatedYaml.parse(relative, text), problems));
        } catch (RuleProblem.Failure f) {
          problems.add(f.problem());
        }
      } else if (relative.startsWith("evidence/")) {
        // Hashed above with every other file, so the pack hash vouches for the evidence queries too.
        evidenceFiles.add(file);
      } else {
        ruleFiles.add(file);
      }
    }
    ControlCatalog catalog = new ControlCatalog(controls);
    checkCatalog(catalog, problems);
    List<Rule> rules = new ArrayList<>();
    Map<String, String> seenIds = new LinkedHashMap<>();
    for (Path file : ruleFiles) {
      String relative = relative(root, file);
      try {
        LocatedYaml doc = LocatedYaml.parse(relative, Files.readString(file, StandardCharsets.UTF_8));
        Rule rule = new RuleParser(doc, catalog, problems).parse();
        if (rule == null) {
          continue;
        }
        String earlier = seenIds.putIfAbsent(rule.id().toUpperCase(), relative);
        if (earlier != null) {
          problems.add(doc.problemAt("/id", false, "duplicate rule id " + rule.id() + " (also in " + earlier + ")"));
          continue;
        }
        Path fixtures = fixturesOf(file);
        if (!Files.exists(fixtures)) {
          problems.add(new RuleProblem(relative, 0, 0,
              "has no fixtures: expected " + relative(root, fixtures) + " with a pass and a fail case", ""));
        }
        rules.add(rule);
      } catch (RuleProblem.Failure f) {
        problems.add(f.problem());
      } catch (IOException e) {
        problems.add(new RuleProblem(relative, 0, 0, "cannot be read: " + e.getMessage(), ""));
      }
    }
    rules.sort(Comparator.comparing(Rule::id));
    List<EvidenceQuery> evidence = evidence(root, evidenceFiles, catalog, problems);
    String hash = HexFormat.of().formatHex(digest.digest());
    return new RulePack(name, version, hash, rules, catalog, problems, root, evidence);
  }

  private static List<EvidenceQuery> evidence(Path root, List<Path> files, ControlCatalog catalog,
      List<RuleProblem> problems) {
    List<EvidenceQuery> queries = new ArrayList<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (Path file : files) {
      String relative = relative(root, file);
      try {
        LocatedYaml doc = LocatedYaml.parse(relative, Files.readString(file, StandardCharsets.UTF_8));
        EvidenceQuery query = EvidenceParser.parse(doc, catalog, problems);
        if (query == null) {
          continue;
        }
        String earlier = seen.putIfAbsent(query.id(), relative);
        if (earlier != null) {
          problems.add(doc.problemAt("/id", false, "duplicate evidence query id " + query.id() + " (also in " + earlier + ")"));
          continue;
        }
        queries.add(query);
      } catch (RuleProblem.Failure f) {
        problems.add(f.problem());
      } catch (IOException e) {
        problems.add(new RuleProblem(relative, 0, 0, "cannot be read: " + e.getMessage(), ""));
      }
    }
    queries.sort(Comparator.comparing(EvidenceQuery::id));
    return queries;
  }

  /** The fixtures file that stands beside a rule file. */
  public static Path fixturesOf(Path ruleFile) {
    String name = ruleFile.getFileName().toString();
    return ruleFile.resolveSibling(name.substring(0, name.length() - ".yaml".length()) + FIXTURES_SUFFIX);
  }

  /** The rule file for a rule, resolved against the pack root. */
  public static Path fileOf(RulePack pack, Rule rule) {
    return pack.root().resolve(rule.source());
  }

  private static void checkCatalog(ControlCatalog catalog, List<RuleProblem> problems) {
    for (Control control : catalog.controls()) {
      if (control.isPhysicalSafeguard()
          && (control.coverage() == Coverage.AUTOMATED || control.coverage() == Coverage.PARTIALLY_AUTOMATED)) {
        problems.add(new RuleProblem("controls/" + control.framework() + ".yaml", 0, 0,
            control.id() + " is a physical safeguard and cannot be covered by automated rules", ""));
      }
    }
  }

  private static List<Path> listYaml(Path root, List<RuleProblem> problems) {
    if (!Files.isDirectory(root)) {
      problems.add(new RuleProblem(root.toString(), 0, 0, "is not a folder of rules", ""));
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".yaml"))
          .sorted(Comparator.comparing(p -> relative(root, p))).toList();
    } catch (IOException e) {
      problems.add(new RuleProblem(root.toString(), 0, 0, "cannot be listed: " + e.getMessage(), ""));
      return List.of();
    }
  }

  static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads one catalog file (hipaa.yaml, hitrust.yaml, …). */
  static final class CatalogParser {
    private CatalogParser() {}

    static List<Control> parse(LocatedYaml doc, List<RuleProblem> problems) {
      JsonNode root = doc.root();
      String framework = root.path("framework").asText("");
      if (framework.isEmpty()) {
        problems.add(doc.problemAt("", false, "a control catalog file needs 'framework'"));
        return List.of();
      }
      JsonNode list = root.path("controls");
      if (!list.isArray()) {
        problems.add(doc.problemAt("/controls", false, "'controls' must be a list"));
        return List.of();
      }
      List<Control> controls = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        JsonNode c = list.get(i);
        String at = "/controls/" + i;
        String id = c.path("id").asText("");
        if (!id.startsWith(framework + ":")) {
          problems.add(doc.problemAt(at + "/id", false, "control id '" + id + "' must start with '" + framework + ":'"));
          continue;
        }
        var coverage = Coverage.parse(c.path("coverage").asText(""));
        if (coverage.isEmpty()) {
          problems.add(doc.problemAt(at + "/coverage", false, "coverage must be one of automated, "
              + "partially-automated, attested, inherited, not-covered"));
          continue;
        }
        List<String> aliases = new ArrayList<>();
        c.path("aliases").forEach(a -> aliases.add(a.asText()));
        String reference = id.substring(framework.length() + 1);
        String group = c.hasNonNull("section") ? c.get("section").asText()
            : c.path("category").path("name").asText("");
        JsonNode objective = c.path("objective");
        String objectiveText = objective.isObject()
            ? (objective.path("id").asText("") + " " + objective.path("name").asText("")).trim() : "";
        List<String> requirements = new ArrayList<>();
        c.path("requirements").forEach(r -> requirements.add(r.asText()));
        controls.add(new Control(id, framework, reference, c.path("title").asText(""), group,
            c.path("designation").asText(""), c.hasNonNull("parent") ? c.get("parent").asText() : null,
            aliases, coverage.get(), c.path("coverageNote").asText(""), c.path("summary").asText(""),
            objectiveText.isEmpty() ? null : objectiveText, requirements));
      }
      return controls;
    }
  }
}
