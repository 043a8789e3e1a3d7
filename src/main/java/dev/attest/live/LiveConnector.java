package dev.attest.live;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.util.HttpClientOptions;
import com.azure.identity.AzureCliCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.EnvironmentCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import java.time.Duration;

/**
 * The credential and HTTP client a live scan talks through. Real scans build them from the
 * settings; tests pass a static credential and a client that trusts the emulator's certificate.
 */
public record LiveConnector(TokenCredential credential, HttpClient httpClient) {

  /** The credential chosen by {@code --auth} and the SDK's default HTTP client with timeouts. */
  public static LiveConnector forSettings(LiveSettings settings) throws LiveFailure {
    Duration timeout = settings.tuning().requestTimeout();
    // One connection per call in flight: the Netty pool's own default (16) would queue the rest.
    HttpClient http = HttpClient.createDefault(new HttpClientOptions()
        .setConnectTimeout(Duration.ofSeconds(10)).setResponseTimeout(timeout).setReadTimeout(timeout)
        .setMaximumConnectionPoolSize(connections(settings.tuning())));
    return new LiveConnector(credential(settings), http);
  }

  /** Connections for the calls a scan may have in flight at once: ARM reads, Resource Graph queries, and a margin. */
  public static int connections(LiveSettings.Tuning tuning) {
    return tuning.concurrency() + tuning.graphConcurrency() + 8;
  }

  private static TokenCredential credential(LiveSettings settings) throws LiveFailure {
    String tenant = settings.scope().tenant();
    String authority = Cloud.environment(settings.cloud(), null).getActiveDirectoryEndpoint();
    try {
      return switch (settings.auth()) {
        case DEFAULT -> {
          DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder().authorityHost(authority);
          yield tenant == null ? builder.build() : builder.tenantId(tenant).build();
        }
        case CLI -> {
          AzureCliCredentialBuilder builder = new AzureCliCredentialBuilder();
          yield tenant == null ? builder.build() : builder.tenantId(tenant).build();
        }
        case ENV -> new EnvironmentCredentialBuilder().authorityHost(authority).build();
        case MANAGED_IDENTITY -> {
          ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
          String clientId = System.getenv("AZURE_CLIENT_ID");
          yield clientId == null ? builder.build() : builder.clientId(clientId).build();
        }
        case WORKLOAD_IDENTITY -> {
          WorkloadIdentityCredentialBuilder builder = new WorkloadIdentityCredentialBuilder().authorityHost(authority);
          yield tenant == null ? builder.build() : builder.tenantId(tenant).build();
        }
      };
    } catch (RuntimeException e) {
      // Builders reject missing settings (e.g. no AZURE_FEDERATED_TOKEN_FILE) with unchecked exceptions.
      throw new LiveFailure(true, "--auth " + settings.auth().option() + " cannot be set up: "
          + LiveFailure.firstLine(e) + "; " + settings.auth().hint());
    }
  }
}
