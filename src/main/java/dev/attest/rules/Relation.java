package dev.attest.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a related object stands to the subject in the inventory graph. */
public enum Relation {
  CHILDREN, DESCENDANTS, EXTENSIONS, REFERRERS, REFERENCES, PARENT, SCOPE;

  public String yamlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Relation> fromYaml(String name) {
    return Arrays.stream(values()).filter(r -> r.yamlName().equals(name)).findFirst();
  }
}
