package dev.attest.rules;

import java.util.Arrays;
import java.util.Optional;

/** Test operators: Azure Policy's, and the domain operators that the grammar cannot express. */
public enum Operator {
  EQUALS("equals", false), NOT_EQUALS("notEquals", true),
  LIKE("like", false), NOT_LIKE("notLike", true),
  MATCH("match", false), NOT_MATCH("notMatch", true),
  CONTAINS("contains", false), NOT_CONTAINS("notContains", true),
  IN("in", false), NOT_IN("notIn", true),
  CONTAINS_KEY("containsKey", false), NOT_CONTAINS_KEY("notContainsKey", true),
  EXISTS("exists", false),
  LESS("less", false), LESS_OR_EQUALS("lessOrEquals", false),
  GREATER("greater", false), GREATER_OR_EQUALS("greaterOrEquals", false),
  VERSION_AT_LEAST("versionAtLeast", false), VERSION_BELOW("versionBelow", false),
  PORTS_OVERLAP("portsOverlap", false), PORTS_INCLUDE("portsInclude", false),
  INTERNET_SOURCE("internetSource", false), ROLE_IN("roleIn", false),
  PUBLIC_ADDRESSES_AT_LEAST("publicAddressesAtLeast", false);

  private final String yamlName;
  private final boolean trueWhenMissing;

  Operator(String yamlName, boolean trueWhenMissing) {
    this.yamlName = yamlName;
    this.trueWhenMissing = trueWhenMissing;
  }

  public String yamlName() {
    return yamlName;
  }

  /** As in Azure Policy, a missing field differs from any value: the negative operators hold. */
  public boolean trueWhenMissing() {
    return trueWhenMissing;
  }

  public static Optional<Operator> fromYaml(String name) {
    return Arrays.stream(values()).filter(o -> o.yamlName.equals(name)).findFirst();
  }
}
