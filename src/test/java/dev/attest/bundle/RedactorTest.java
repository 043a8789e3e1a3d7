package dev.attest.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
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

  /** Synthetic 88-character base64 key of the shape storage and Cosmos DB keys have. */
  static final String BASE64_KEY = "U3ludGhldGljS2V5TWF0ZXJpYWxGb3JUZXN0c09ubHlTeW50aGV0aWNLZXlNYXRlcmlhbEZvclRlc3RzT25seQ==";

  @Test
  void appSettingsAndEnvironmentVariablesAreRedactedByTheNameBesideTheirValue() throws Exception {
    ObjectNode site = redact("""
        {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app/config/appsettings",
         "type": "Microsoft.Web/sites/config",
         "properties": {"appSettings": [
             {"name": "DB_PASSWORD", "value": "Synthetic-db-pass", "slotSetting": false},
             {"name": "API_KEY", "value": "synthetic-api-key"},
             {"name": "Stripe__SigningKey", "value": "synthetic-signing"},
             {"name": "DOCKER_REGISTRY_SERVER_PASSWORD", "value": "synthetic-registry"},
             {"name": "GITHUB_PAT", "value": "synthetic-pat"},
             {"name": "WEBSITE_RUN_FROM_PACKAGE", "value": "1"},
             {"name": "REGION", "value": "eastus"}],
           "API_KEY": "synthetic-map-form", "REGION": "eastus"}}
        """);
    JsonNode settings = site.get("properties").get("appSettings");
    for (int i = 0; i < 5; i++) {
      assertEquals(R, settings.get(i).get("value").asText(), settings.get(i).get("name").asText());
    }
    assertEquals("DB_PASSWORD", settings.get(0).get("name").asText());
    assertFalse(settings.get(0).get("slotSetting").asBoolean());
    assertEquals("1", settings.get(5).get("value").asText());
    assertEquals("eastus", settings.get(6).get("value").asText());
    assertEquals(R, site.get("properties").get("API_KEY").asText(), "the ARM map form: name API_KEY");
    assertEquals("eastus", site.get("properties").get("REGION").asText());

    ObjectNode group = redact("""
        {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerInstance/containerGroups/cg",
         "type": "Microsoft.ContainerInstance/containerGroups",
         "properties": {"containers": [{"name": "app", "properties": {"environmentVariables": [
             {"name": "CONNECTION", "secureValue": "synthetic-secure-value"},
             {"name": "ADMIN_TOKEN", "value": "synthetic-env-token"},
             {"name": "LOG_LEVEL", "value": "info"}]}}]}}
        """);
    JsonNode env = group.get("properties").get("containers").get(0).get("properties").get("environmentVariables");
    assertEquals(R, env.get(0).get("secureValue").asText(), "secureValue is secret whatever its name");
    assertEquals(R, env.get(1).get("value").asText());
    assertEquals("info", env.get(2).get("value").asText());
    assertEquals("CONNECTION", env.get(0).get("name").asText());
  }

  @Test
  void storageKeysListsAppConfigurationPairsAndSecureTemplateParametersAreRedacted() throws Exception {
    ObjectNode keys = redact("""
        {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st/listKeys",
         "type": "Microsoft.Storage/storageAccounts/keys",
         "properties": {"keys": [{"keyName": "key1", "value": "opaque-synthetic", "permissions": "FULL"}],
           "pairs": [{"key": "Db:Password", "value": "synthetic-appconfig"}, {"key": "environment", "value": "prod"}],
           "parameters": {"dbLogin": {"type": "SecureString", "value": "synthetic-param"},
             "location": {"type": "String", "value": "eastus"}}}}
        """);
    JsonNode props = keys.get("properties");
    assertEquals(R, props.get("keys").get(0).get("value").asText());
    assertEquals("key1", props.get("keys").get(0).get("keyName").asText());
    assertEquals("FULL", props.get("keys").get(0).get("permissions").asText());
    assertEquals(R, props.get("pairs").get(0).get("value").asText());
    assertEquals("environment", props.get("pairs").get(1).get("key").asText(), "a bare 'key' is a label");
    assertEquals("prod", props.get("pairs").get(1).get("value").asText());
    assertEquals(R, props.get("parameters").get("dbLogin").get("value").asText());
    assertEquals("eastus", props.get("parameters").get("location").get("value").asText());
  }

  @Test
  void keyNamedStringsAreRedactedButTheKeyReferencesRulesReadStay() throws Exception {
    ObjectNode storage = redact("""
        {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st",
         "type": "Microsoft.Storage/storageAccounts",
         "properties": {
           "storageKey": "opaque", "sharedKey": "opaque", "key1": "opaque", "STORAGE_KEY": "opaque",
           "keyEncryptionKey": {"keyUrl": "https://kv.vault.azure.net/keys/k/0123", "sourceVault": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"}},
           "activeKey": "https://kv.vault.azure.net/keys/k/0123",
           "vaultKey": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv/keys/k",
           "sshPublicKey": "ssh-ed25519 AAAAC3NzaSynthetic", "partitionKey": "tenantId",
           "customerManagedKey": false, "allowSharedKeyAccess": true,
           "encryption": {"keySource": "Microsoft.Keyvault", "requireInfrastructureEncryption": true,
             "keyvaultproperties": {"keyname": "st-key", "keyversion": "0123456789abcdef0123456789abcdef",
               "keyvaulturi": "https://kv.vault.azure.net"},
             "keyVaultProperties": {"keyName": "st-key", "keyUri": "https://kv.vault.azure.net/keys/st-key",
               "keyIdentifier": "https://kv.vault.azure.net/keys/st-key/0123", "keyVaultArmId": "/subscriptions/s/x"},
             "customerManagedKeyEncryption": {"keyEncryptionKeyUrl": "https://kv.vault.azure.net/keys/cmk"}},
           "keyVaultKeyUri": "https://kv.vault.azure.net/keys/cosmos", "serverKeyType": "AzureKeyVault"}}
        """);
    JsonNode props = storage.get("properties");
    for (String name : List.of("storageKey", "sharedKey", "key1", "STORAGE_KEY")) {
      assertEquals(R, props.get(name).asText(), name);
    }
    JsonNode kek = props.get("keyEncryptionKey");
    assertEquals("https://kv.vault.azure.net/keys/k/0123", kek.get("keyUrl").asText(), "a key's URL is a reference");
    assertTrue(kek.get("sourceVault").get("id").asText().startsWith("/subscriptions/"), "references stay for the graph");
    assertEquals("https://kv.vault.azure.net/keys/k/0123", props.get("activeKey").asText());
    assertTrue(props.get("vaultKey").asText().startsWith("/subscriptions/"));
    assertEquals("ssh-ed25519 AAAAC3NzaSynthetic", props.get("sshPublicKey").asText());
    assertEquals("tenantId", props.get("partitionKey").asText());
    assertFalse(props.get("customerManagedKey").asBoolean());
    // Exactly what the encryption rules read, unchanged.
    ObjectNode before = (ObjectNode) mapper.readTree(storage.toString());
    assertEquals("Microsoft.Keyvault", props.get("encryption").get("keySource").asText());
    assertEquals("st-key", props.get("encryption").get("keyvaultproperties").get("keyname").asText());
    assertEquals("0123456789abcdef0123456789abcdef",
        props.get("encryption").get("keyvaultproperties").get("keyversion").asText());
    assertEquals("https://kv.vault.azure.net", props.get("encryption").get("keyvaultproperties").get("keyvaulturi").asText());
    assertEquals(before.get("properties").get("encryption"), props.get("encryption"));
    assertEquals("https://kv.vault.azure.net/keys/cosmos", props.get("keyVaultKeyUri").asText());
    assertEquals("AzureKeyVault", props.get("serverKeyType").asText());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      BASE64_KEY,
      "c3ludGhldGljU2VydmljZUJ1c0tleTMyYnl0ZXNsb25n=",
      "ghp_SyntheticGitHubToken0123456789abcdefAB",
      "https://ghp_SyntheticGitHubToken0123456789abcdefAB@github.com/contoso/app.git",
      "github_pat_11SYNTHETIC0123456789_abcdefghijklmnopqrstuvwxyzSYNTHETIC",
      "gho_SyntheticOAuthToken0123456789abcdefABCD",
      "xoxb-000000000000-000000000000-SyntheticSlackBot",
      "https://hooks.slack.com/services/T00000000/B00000000/SyntheticWebhookPath",
      "synthetic2devops3pat4token5lowercase6base32value7abc",
      "SYNTHETICazdoPATnewFormat0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOAZDOabcd",
      "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=opaque;EndpointSuffix=core.windows.net",
      "Endpoint=sb://bus.servicebus.windows.net/ SharedAccessSignature=opaque",
      "SharedAccessSignature sr=bus.servicebus.windows.net&se=1700000000&skn=Root&sig=opaque",
      "SharedAccessSignature sr=https%3a%2f%2fbus.servicebus.windows.net",
      "https://$app-portal:SyntheticPublishingPassword@app-portal.scm.azurewebsites.net/deploy"})
  void secretShapedValuesAreRedactedWhateverTheirName(String value) throws Exception {
    ObjectNode object = (ObjectNode) mapper.createObjectNode().put("id", "/x");
    object.putObject("properties").put("note", value);
    assertEquals(R, redactor.redact(object).get("properties").get("note").asText(), value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0123456789abcdef0123456789abcdef01234567", "AzureKeyVault",
      "https://kv.vault.azure.net/keys/k/0123456789abcdef", "https://user@github.com/contoso/app.git",
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg_with_underscores/providers/x/gh_name",
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQSyntheticPublicKeyMaterialOnlyForTests== demo@host",
      "a-storage-account-name-with-a-long-name-but-fifty-two", "Standard_LRS", "TLS1_2", "xox", "2025-01-10T10:00:00Z"})
  void ordinaryValuesWithSomeOfTheMarksStay(String value) {
    assertEquals(value, redactor.redactValue(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"DB_PASSWORD", "API_KEY", "api-key", "STORAGE_KEY", "AzureWebJobsSecretStorageKey", "dbPwd",
      "MICROSOFT_PROVIDER_AUTHENTICATION_SECRET", "ConnectionStrings__Clinical", "SAS_URL", "GITHUB_TOKEN", "key1", "KEY"})
  void secretSettingNames(String name) {
    assertTrue(redactor.isSecretSettingName(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"REGION", "WEBSITE_RUN_FROM_PACKAGE", "require_secure_transport", "ssl_min_protocol_version",
      "tls_version", "LOG_LEVEL", "environment", "keyboard_layout"})
  void ordinarySettingNames(String name) {
    assertFalse(redactor.isSecretSettingName(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"password", "adminPassword", "administratorLoginPassword", "clientSecret", "connectionString",
      "accountKey", "primaryKey", "secondaryKey", "primaryMasterKey", "sharedAccessKey", "storageAccountAccessKey",
      "sasToken", "sas", "token", "accessToken", "privateKey", "credentials", "apiKey", "pwd", "secureValue",
      "API_KEY", "client_secret", "DB-PASSWORD"})
  void secretNames(String name) {
    assertTrue(redactor.isSecretName(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"passwordProfile", "disablePasswordAuthentication", "secretName", "keySource", "keyVaultUri",
      "sasPolicy", "tokenStoreEnabled", "publicKeys", "keyData", "name", "minimumTlsVersion", "allowSharedKeyAccess",
      "keyName", "keyUrl", "keyVersion", "keyVaultProperties", "keyEncryptionKeyUrl", "serverKeyType", "value"})
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
