package dev.attest.live;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which credential a live scan signs in with ({@code --auth}). */
public enum AuthKind {
  /** DefaultAzureCredential: environment, workload identity, managed identity, then developer tools. */
  DEFAULT("default", "sign in with `az login`, or set AZURE_CLIENT_ID/AZURE_TENANT_ID and a secret or federated token"),
  /** Azure CLI only: never probes the managed-identity endpoint. */
  CLI("cli", "run `az login` (and `az account set`) and retry"),
  /** A service principal from AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET or a certificate. */
  ENV("env", "set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH)"),
  /** The managed identity of the Azure host (AZURE_CLIENT_ID picks a user-assigned one). */
  MANAGED_IDENTITY("managed-identity", "run on an Azure host with a managed identity, or choose another --auth"),
  /** Workload identity federation (GitHub Actions/Azure DevOps OIDC, AKS). */
  WORKLOAD_IDENTITY("workload-identity", "set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE (azure/login with OIDC does this)");

  private final String option;
  private final String hint;

  AuthKind(String option, String hint) {
    this.option = option;
    this.hint = hint;
  }

  public String option() {
    return option;
  }

  /** What a user should do when this kind of credential cannot sign in. */
  public String hint() {
    return hint;
  }

  public static Optional<AuthKind> parse(String text) {
    return Arrays.stream(values()).filter(k -> k.option.equals(text.toLowerCase(Locale.ROOT))).findFirst();
  }
}
