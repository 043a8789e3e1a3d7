package dev.attest.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
  private static final String R = Redactor.REDACTED;
  private final ObjectMapper mapper = new ObjectMapper();
  private final Redactor redactor = new Redactor();

  private ObjectNode redact(String json) throws Exception {
    return redactor.redact((ObjectNode) mapper.readTree(json));
  }

  @Test
  void webAppConnectionStringsAndAppSettingsAreRedactedButTheirShapeStays() throws Exception {
    ObjectNode site = redact("""
        {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app-portal/config/web",
         "type": "Microsoft.Web/sites/config", "name": "web",
         "properties": {
           "minTlsVersion": "1.2",
           "connectionStrings": [
             {"name": "ClinicalDb", "type": "SQLAzure",
              "connectionString": "Server=tcp:sql-demo.database.windows.net,1433;Database=clinical;User ID=app;Password=Synthetic-Pa55;"}],
           "appSettings": [
             {"name": "STORAGE", "value": "DefaultEndpointsProtocol=https;AccountName=stdemo;AccountKey=c3ludGhldGljLWtleQ==;EndpointSuffix=core.windows.net"},
             {"name": "REDIS", "value": "redis-demo.redis.cache.windows.net:6380,password=SyntheticRedis1,ssl=True"},
             {"name": "BUS", "value": "Endpoint=sb://bus-demo.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=c3ludGhldGlj"},
             {"name": "REGION", "value": "eastus"}]}}
        """);
    JsonNode props = site.get("properties");
    assertEquals("1.2", props.get("minTlsVersion").asText());
    JsonNode connection = props.get("connectionStrings").get(0);
    assertEquals("ClinicalDb", connection.get("name").asText(), "names of connection strings are not secrets");
    assertEquals("SQLAzure", connection.get("type").asText());
    assertEquals(R, connection.get("connectionString").asText());
    for (int i = 0; i < 3; i++) {
      assertEquals(R, props.get("appSettings").get(i).get("value").asText(), "setting " + i);
    }
    assertEquals("eastus", props.get("appSettings").get(3).get("value").asText());
  }

  @Test
  void sasBearingUrlsAreRedactedWhereverTheyAppear() throws Exception {
    ObjectNode storage = redact("""
        {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stdemo",
         "type": "Microsoft.Storage/storageAccounts",
         "properties": {
           "primaryEndpoints": {"blob": "https://stdemo.blob.core.windows.net/"},
           "sasPolicy": {"sasExpirationPeriod": "1.00:00:00", "expirationAction": "Log"},
           "exportUri": "https://stdemo.blob.core.windows.net/exports/x.bacpac?sv=2022-11-02&ss=b&srt=co&sp=r&se=2030-01-01&sig=U3ludGhldGljU2ln%3D",
           "sasToken": "sv=2022-11-02&ss=b&sp=r&sig=QW5vdGhlclN5bnRoZXRpYw%3D",
           "allowSharedKeyAccess": false}}
        """);
    JsonNode props = storage.get("properties");
    assertEquals(R, props.get("exportUri").asText());
    assertEquals(R, props.get("sasToken").asText());
    assertEquals("https://stdemo.blob.core.windows.net/", props.get("primaryEndpoints").get("blob").asText());
    assertEquals("1.00:00:00", props.get("sasPolicy").get("sasExpirationPeriod").asText(),
        "a SAS policy is configuration, not a token");
    assertFalse(props.get("allowSharedKeyAccess").asBoolean());
  }

  @Test
  void virtualMachinePasswordsAndKeysAreRedactedButBooleansAndNullsStay() throws Exception {
    ObjectNode vm = redact("""
        {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
         "type": "Microsoft.Compute/virtualMachines",
         "properties": {
           "osProfile": {"adminUsername": "azureuser", "adminPassword": "Synthetic-Admin-1",
             "customData": "-----BEGIN OPENSSH PRIVATE KEY-----\\nc3ludGhldGlj\\n-----END OPENSSH PRIVATE KEY-----",
             "linuxConfiguration": {"disablePasswordAuthentication": true,
               "ssh": {"publicKeys": [{"keyData": "ssh-rsa AAAAB3NzaSynthetic demo"}]}}},
           "storageProfile": {"osDisk": {"managedDisk": {"diskEncryptionSet": null}}},
           "extensionProfile": {"protectedSettings": {"storageAccountKey": "c3ludGhldGlj", "commandToExecute": "echo"},
             "credentials": {"user": "deploy", "pass": "Synthetic"}},
           "secretName": "vm-admin", "keySource": "Microsoft.Keyvault", "adminPassword2": null}}
        """);
    JsonNode os = vm.get("properties").get("osProfile");
    assertEquals("azureuser", os.get("adminUsername").asText());
    assertEquals(R, os.get("adminPassword").asText());
    assertEquals(R, os.get("customData").asText(), "PEM private key by value");
    assertTrue(os.get("linuxConfiguration").get("disablePasswordAuthentication").asBoolean());
    assertEquals("ssh-rsa AAAAB3NzaSynthetic demo",
        os.get("linuxConfiguration").get("ssh").get("publicKeys").get(0).get("keyData").asText(), "public keys stay");
    JsonNode ext = vm.get("properties").get("extensionProfile");
    assertEquals(R, ext.get("protectedSettings").get("storageAccountKey").asText());
    assertEquals("echo", ext.get("protectedSettings").get("commandToExecute").asText());
    assertEquals(R, ext.get("credentials").get("user").asText(), "everything under credentials");
    assertEquals(R, ext.get("credentials").get("pass").asText());
    assertEquals("vm-admin", vm.get("properties").get("secretName").asText());
    assertEquals("Microsoft.Keyvault", vm.get("properties").get("keySource").asText());
    assertTrue(vm.get("properties").get("adminPassword2").isNull());
  }

  @Test
  void tokensAndJwtsAreRedactedByNameAndByValue() throws Exception {
    String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzeW50aGV0aWMifQ.c3ludGhldGljLXNpZ25hdHVyZQ";
    ObjectNode connection = redact("""
        {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/connections/office365",
         "type": "Microsoft.Web/connections",
         "properties": {"parameterValues": {"token": "opaque-synthetic-value", "note": "Bearer %s"},
           "clientSecret": "synthetic-secret", "privateKey": "synthetic", "displayName": "Office 365"}}
        """.formatted(jwt));
    JsonNode values = connection.get("properties").get("parameterValues");
    assertEquals(R, values.get("token").asText());
    assertEquals(R, values.get("note").asText(), "a JWT inside free text");
    assertEquals(R, connection.get("properties").get("clientSecret").asText());
    assertEquals(R, connection.get("properties").get("privateKey").asText());
    assertEquals("Office 365", connection.get("properties").get("displayName").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {"password", "adminPassword", "administratorLoginPassword", "clientSecret", "connectionString",
      "accountKey", "primaryKey", "secondaryKey", "primaryMasterKey", "sharedAccessKey", "storageAccountAccessKey",
      "sasToken", "sas", "token", "accessToken", "privateKey", "credentials", "apiKey", "pwd"})
  void secretNames(String name) {
    assertTrue(redactor.isSecretName(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"passwordProfile", "disablePasswordAuthentication", "secretName", "keySource", "keyVaultUri",
      "sasPolicy", "tokenStoreEnabled", "publicKeys", "keyData", "name", "minimumTlsVersion", "allowSharedKeyAccess"})
  void ordinaryNames(String name) {
    assertFalse(redactor.isSecretName(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://stdemo.blob.core.windows.net/", "Server=tcp:sql.database.windows.net;Database=x",
      "TLS1_2", "eyJ", "design=modern", "AccountName=stdemo;EndpointSuffix=core.windows.net"})
  void ordinaryValuesStay(String value) {
    assertEquals(value, redactor.redactValue(value));
  }

  @Test
  void theOriginalIsUntouchedAndRedactionIsIdempotent() throws Exception {
    ObjectNode original = (ObjectNode) mapper.readTree("{\"id\":\"/x\",\"properties\":{\"password\":\"p\"}}");
    ObjectNode once = redactor.redact(original);
    assertEquals("p", original.get("properties").get("password").asText());
    assertEquals(once, redactor.redact(once));
  }
}
