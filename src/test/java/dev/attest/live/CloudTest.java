package dev.attest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * What --cloud resolves to, without sending anything: Resource Manager endpoints and token
 * audiences, and the Log Analytics endpoint, whose host azure-monitor-query 1.5.2 also makes the
 * token audience (https://{host}/.default).
 */
class CloudTest {
  @Test
  void usGovernment() {
    var gov = Cloud.environment("AzureUSGovernment", null);
    assertEquals("https://management.usgovcloudapi.net/", gov.getResourceManagerEndpoint());
    assertEquals("https://management.usgovcloudapi.net/.default", Cloud.scope(gov));
    assertEquals("https://api.loganalytics.us/v1", Cloud.logsEndpoint("azureusgovernment", null));
    assertEquals("https://login.microsoftonline.us/", gov.getActiveDirectoryEndpoint());
  }

  @Test
  void chinaAndPublicAndCustom() {
    assertEquals("https://management.chinacloudapi.cn/.default", Cloud.scope(Cloud.environment("AzureChinaCloud", null)));
    assertEquals("https://api.loganalytics.azure.cn/v1", Cloud.logsEndpoint("AzureChinaCloud", null));
    assertEquals("https://management.azure.com/.default", Cloud.scope(Cloud.environment(null, null)));
    assertEquals("https://api.loganalytics.io/v1", Cloud.logsEndpoint(null, null));
    var stack = Cloud.environment("AzureCloud", "https://management.local.azurestack.external");
    assertEquals("https://management.local.azurestack.external/", stack.getResourceManagerEndpoint());
    assertNull(Cloud.logsEndpoint("AzureCloud", "https://management.local.azurestack.external"),
        "a custom cloud's Log Analytics endpoint cannot be guessed: --logs-endpoint");
    assertNull(Cloud.environment("Mars", null));
  }
}
