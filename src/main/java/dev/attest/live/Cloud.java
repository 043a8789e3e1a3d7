package dev.attest.live;

import com.azure.core.management.AzureEnvironment;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** Resolves {@code --cloud} and {@code --arm-endpoint} into the SDK's environment. */
final class Cloud {
  private Cloud() {}

  /** The known cloud names, as the Azure CLI spells them. */
  static final String NAMES = "AzureCloud, AzureUSGovernment, AzureChinaCloud";

  /** The environment, or null for an unknown cloud name. */
  static AzureEnvironment environment(String cloud, String armEndpoint) {
    AzureEnvironment base = switch (cloud == null ? "azurecloud" : cloud.toLowerCase(java.util.Locale.ROOT)) {
      case "azurecloud" -> AzureEnvironment.AZURE;
      case "azureusgovernment" -> AzureEnvironment.AZURE_US_GOVERNMENT;
      case "azurechinacloud" -> AzureEnvironment.AZURE_CHINA;
      default -> null;
    };
    if (base == null || armEndpoint == null) {
      return base;
    }
    // The SDK joins paths onto the endpoint, so it must end with exactly one slash.
    String endpoint = armEndpoint.endsWith("/") ? armEndpoint : armEndpoint + "/";
    Map<String, String> endpoints = new HashMap<>(base.getEndpoints());
    endpoints.put("resourceManagerEndpointUrl", endpoint);
    endpoints.put("managementEndpointUrl", endpoint);
    return new AzureEnvironment(endpoints);
  }

  /** Null when the endpoint is usable, else why not (bearer tokens are only sent over HTTPS). */
  static String checkEndpoint(String armEndpoint) {
    return checkEndpoint("--arm-endpoint", armEndpoint);
  }

  static String checkEndpoint(String option, String url) {
    try {
      URI uri = URI.create(url);
      if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
        return option + " " + url + ": must be an https:// URL (tokens are never sent over plain http)";
      }
      return null;
    } catch (IllegalArgumentException e) {
      return option + " " + url + ": not a URL";
    }
  }

  /**
   * The Log Analytics query API root of a cloud, or null for a custom cloud (an ARM endpoint
   * given without {@code --logs-endpoint}): there is no way to guess it.
   */
  static String logsEndpoint(String cloud, String armEndpoint) {
    if (armEndpoint != null) {
      return null;
    }
    return switch (cloud == null ? "azurecloud" : cloud.toLowerCase(java.util.Locale.ROOT)) {
      case "azureusgovernment" -> "https://api.loganalytics.us/v1";
      case "azurechinacloud" -> "https://api.loganalytics.azure.cn/v1";
      default -> "https://api.loganalytics.io/v1";
    };
  }

  /** The token audience for ARM calls in this environment. */
  static String scope(AzureEnvironment environment) {
    String endpoint = environment.getResourceManagerEndpoint();
    return (endpoint.endsWith("/") ? endpoint : endpoint + "/") + ".default";
  }
}
