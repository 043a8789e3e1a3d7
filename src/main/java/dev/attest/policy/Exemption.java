package dev.attest.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One Azure Policy exemption in scope, as the findings list it: its id, the scope it applies to,
 * its category ({@code Waiver} or {@code Mitigated}), when it expires (null: never), the
 * assignment it exempts from and, for an initiative, which of its definitions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Exemption(String id, String name, String displayName, String scope, String category, String expiresOn,
    String policyAssignmentId, List<String> policyDefinitionReferenceIds) {

  public Exemption {
    policyDefinitionReferenceIds = policyDefinitionReferenceIds == null ? List.of()
        : List.copyOf(policyDefinitionReferenceIds);
  }

  /** The scope of an exemption id: everything before {@code /providers/Microsoft.Authorization/policyExemptions/}. */
  public static String scopeOf(String id) {
    int at = id == null ? -1 : id.toLowerCase(java.util.Locale.ROOT).indexOf("/providers/microsoft.authorization/policyexemptions/");
    return at < 0 ? null : at == 0 ? "/" : id.substring(0, at);
  }
}
