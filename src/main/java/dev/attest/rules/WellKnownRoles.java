package dev.attest.rules;

import java.util.Locale;
import java.util.Map;

/** Built-in Azure role definition GUIDs by name, so rules can say "Owner" instead of a GUID. */
public final class WellKnownRoles {
  private static final Map<String, String> BY_NAME = Map.ofEntries(
      Map.entry("owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"),
      Map.entry("contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c"),
      Map.entry("reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7"),
      Map.entry("user access administrator", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"),
      Map.entry("role based access control administrator", "f58310d9-a9f6-439a-9e8d-f62e7b41a168"),
      Map.entry("key vault administrator", "00482a5a-887f-4fb3-b363-3b7fe8e74483"),
      Map.entry("key vault secrets officer", "b86a8fe4-44ce-4948-aee5-eccb2c155cd7"),
      Map.entry("key vault crypto officer", "14b46e9e-c2b7-41b4-b07b-48a6ebf60603"),
      Map.entry("storage blob data owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"),
      Map.entry("storage blob data contributor", "ba92f5b4-2d11-453d-a403-e96b0029c9fe"),
      Map.entry("storage account contributor", "17d1049b-9a84-46fb-8f53-869881c3d3ab"),
      Map.entry("sql server contributor", "6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437"),
      Map.entry("sql security manager", "056cd41c-7e88-42e1-933e-88ba6a50c9c3"),
      Map.entry("virtual machine contributor", "9980e02c-c2be-4d73-94e8-173b1dc7cf3c"),
      Map.entry("network contributor", "4d97b98b-1d4f-4787-a291-c67834d212e7"),
      Map.entry("security admin", "fb1c8493-542b-48eb-b624-b4c8fea62acd"),
      Map.entry("log analytics contributor", "92aaf0da-9dab-42b6-94a3-d43ce8d16293"),
      Map.entry("monitoring contributor", "749f88d5-cbae-40b8-bcfc-e573ddc772fa"),
      Map.entry("fhir data contributor", "5a1fc7df-4bf1-4951-a576-89034ee01acd"),
      Map.entry("fhir data reader", "4c8d0bbc-75d3-4935-991f-5f3c56d81508"));

  private WellKnownRoles() {}

  /** The GUID of a role given by name or GUID; null when neither is recognised. */
  public static String guid(String nameOrGuid) {
    String key = nameOrGuid.trim().toLowerCase(Locale.ROOT);
    if (BY_NAME.containsKey(key)) {
      return BY_NAME.get(key);
    }
    return key.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}") ? key : null;
  }

  /** The GUID at the end of a role definition id (or the GUID itself). */
  public static String guidOfDefinition(String roleDefinitionId) {
    String trimmed = roleDefinitionId.trim();
    return trimmed.substring(trimmed.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
  }

  /** The name of a built-in role for a GUID, for evidence; the GUID itself when unknown. */
  public static String nameOf(String guid) {
    return BY_NAME.entrySet().stream().filter(e -> e.getValue().equals(guid)).map(Map.Entry::getKey)
        .findFirst().orElse(guid);
  }
}
