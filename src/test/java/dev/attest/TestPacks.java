package dev.attest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes small rule packs for tests: a minimal catalog plus the rule files a test needs. */
public final class TestPacks {
  public static final String CATALOG = """
      framework: hipaa
      name: HIPAA Security Rule
      controls:
        - id: "hipaa:164.312(e)(1)"
          title: Transmission security
          section: technical
          kind: standard
          designation: Standard
          coverage: automated
        - id: "hipaa:164.312(b)"
          title: Audit controls
          section: technical
          kind: standard
          designation: Standard
          coverage: automated
        - id: "hipaa:164.308(a)(1)(ii)(A)"
          title: Risk analysis
          section: administrative
          kind: implementation-specification
          designation: Required
          coverage: attested
        - id: "hipaa:164.310(a)(1)"
          title: Facility access controls
          section: physical
          kind: standard
          designation: Standard
          coverage: inherited
        - id: "hipaa:164.312(a)(1)"
          title: Access control
          section: technical
          kind: standard
          designation: Standard
          coverage: partially-automated
      """;

  private TestPacks() {}

  /** A pack at {@code dir} with the catalog above and the given files (relative path → text). */
  public static Path write(Path dir, Map<String, String> files) throws IOException {
    Files.createDirectories(dir.resolve("controls"));
    Files.writeString(dir.resolve("pack.yaml"), "name: test-pack\nversion: 9.9.9\n");
    Files.writeString(dir.resolve("controls/hipaa.yaml"), CATALOG);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = dir.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
    return dir;
  }

  /** A rule file's text with the required metadata around the given assert (and optional extras). */
  public static String rule(String id, String resourceType, String assertYaml, String extra) {
    return "id: " + id + "\n"
        + "name: Test.Rule." + id.replace("-", "") + "\n"
        + "title: Test rule " + id + "\n"
        + "severity: high\n"
        + "area: tls\n"
        + "resourceType: " + resourceType + "\n"
        + "description: d\n"
        + "rationale: r\n"
        + "remediation:\n  text: fix it\n"
        + "controls: [\"hipaa:164.312(e)(1)\"]\n"
        + (extra == null ? "" : extra)
        + "assert:\n" + assertYaml.indent(2);
  }
}
