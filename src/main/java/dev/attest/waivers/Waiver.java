package dev.attest.waivers;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One accepted exception: which findings it covers (rule ids, resource ids, tags — each a glob,
 * all given selectors must match), why, who approved it, and until when.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Waiver(
    String id,
    List<String> rules,
    List<String> resources,
    Map<String, String> tags,
    Category category,
    String compensatingControl,
    String justification,
    String approver,
    String ticket,
    LocalDate expires) {

  public Waiver {
    rules = List.copyOf(rules);
    resources = List.copyOf(resources);
    // Insertion order is kept so findings.json lists a waiver's tags the same way on every run.
    tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
  }

  /** Whether the waiver covers a finding on this rule and resource (with the resource's tags). */
  public boolean covers(String ruleId, String resourceId, Map<String, String> resourceTags) {
    return (rules.isEmpty() || rules.stream().anyMatch(p -> glob(p, ruleId)))
        && (resources.isEmpty() || resources.stream().anyMatch(p -> glob(p, resourceId)))
        && tags.entrySet().stream().allMatch(t -> tagMatches(resourceTags, t.getKey(), t.getValue()));
  }

  /** Expired waivers stop applying on the day after {@code expires}. */
  @JsonIgnore
  public boolean isExpired(LocalDate asOf) {
    return expires.isBefore(asOf);
  }

  private static boolean tagMatches(Map<String, String> resourceTags, String name, String pattern) {
    return resourceTags.entrySet().stream()
        .anyMatch(t -> t.getKey().equalsIgnoreCase(name) && glob(pattern, t.getValue()));
  }

  /**
   * Glob semantics of the JDK's path matcher ({@code *} within one id segment, {@code **} across
   * segments, {@code ?}, {@code {a,b}}, {@code [..]}); ids compare case-insensitively as ARM does.
   */
  static boolean glob(String pattern, String value) {
    if (value == null) {
      return false;
    }
    String p = pattern.toLowerCase(Locale.ROOT);
    String v = value.toLowerCase(Locale.ROOT);
    if (p.indexOf('*') < 0 && p.indexOf('?') < 0 && p.indexOf('{') < 0 && p.indexOf('[') < 0) {
      return p.equals(v);
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + p);
    return matcher.matches(Path.of(v.isEmpty() ? "." : v));
  }

  /** What kind of exception the waiver records. */
  public enum Category {
    WAIVER("waiver"), MITIGATED("mitigated"), RISK_ACCEPTED("risk-accepted");

    private final String label;

    Category(String label) {
      this.label = label;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
      return label;
    }

    public static java.util.Optional<Category> parse(String text) {
      for (Category c : values()) {
        if (c.label.equalsIgnoreCase(text)) {
          return java.util.Optional.of(c);
        }
      }
      return java.util.Optional.empty();
    }
  }
}
