package dev.attest.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces secrets in captured configuration with {@value #REDACTED} before anything is evaluated
 * or written: string values under secret-bearing property names (password, connection string,
 * account key, SAS token, private key, token, credentials …), and string values anywhere that look
 * like a SAS token, a connection string with a key or password, a PEM private key or a JWT.
 *
 * <p>Only string values are replaced and property names stay, so a rule asking whether a password
 * or a connection string is <em>present</em> decides the same on the redacted copy; nulls, booleans
 * and numbers are never secrets and stay as they are.
 */
public final class Redactor {
  /** What every redacted value becomes. */
  public static final String REDACTED = "[REDACTED]";

  /**
   * Property names (compared lower-case) that hold a secret, matched as a suffix so that
   * {@code adminPassword}, {@code administratorLoginPassword} and {@code clientSecret} are caught,
   * while {@code passwordProfile}, {@code secretName} or {@code keySource} are not.
   */
  private static final List<String> SECRET_NAME_SUFFIXES = List.of(
      "password", "secret", "connectionstring", "accountkey", "primarykey", "secondarykey", "masterkey",
      "accesskey", "sharedkey", "privatekey", "apikey", "sastoken", "token", "credentials", "credential");

  /** Property names that are secrets only when they are the whole name. */
  private static final Set<String> SECRET_NAMES = Set.of("sas", "pwd", "sig");

  /** Value shapes that are secrets wherever they appear, whatever the property is called. */
  private static final List<Pattern> SECRET_VALUES = List.of(
      // SAS token or a URL carrying one: the signature parameter is the secret.
      Pattern.compile("(?i)(^|[?&;\\s])sig=[^&\\s]+"),
      // Connection strings that embed a key or a password (storage, Service Bus, SQL; Redis uses commas).
      Pattern.compile("(?i)(^|[;,])\\s*(AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)\\s*="),
      // PEM private keys of any algorithm.
      Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----"),
      // JWTs: base64url header and payload of JSON objects ("eyJ" is base64 of '{"'), then a signature.
      Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"));

  /** Whether a property of this name holds a secret. */
  public boolean isSecretName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (SECRET_NAMES.contains(lower)) {
      return true;
    }
    for (String suffix : SECRET_NAME_SUFFIXES) {
      if (lower.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a string value looks like a secret on its own. */
  public boolean isSecretValue(String value) {
    // Every secret shape needs '=', a PEM armour line or a JWT's "eyJ": most values have none, and
    // skipping the patterns for them is what keeps redaction cheap on a million objects.
    if (value.indexOf('=') < 0 && value.indexOf("-----BEGIN") < 0 && value.indexOf("eyJ") < 0) {
      return false;
    }
    for (Pattern pattern : SECRET_VALUES) {
      if (pattern.matcher(value).find()) {
        return true;
      }
    }
    return false;
  }

  /** The value itself, or {@value #REDACTED} when it looks like a secret. */
  public String redactValue(String value) {
    return value != null && isSecretValue(value) ? REDACTED : value;
  }

  /** A redacted deep copy of an object (the original is left untouched). */
  public ObjectNode redact(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    redactInPlace(copy, false);
    return copy;
  }

  /**
   * Redacts an object a source has just read and hands over, in place (no copy): for sources only,
   * whose objects nobody else holds.
   */
  public ObjectNode redactOwned(ObjectNode object) {
    redactInPlace(object, false);
    return object;
  }

  /** A redacted deep copy of any JSON value. */
  public JsonNode redact(JsonNode node) {
    JsonNode copy = node.deepCopy();
    return redactInPlace(copy, false);
  }

  /** Redacts the node's content in place; returns the node, or its replacement for a text node. */
  private JsonNode redactInPlace(JsonNode node, boolean underSecretName) {
    if (node.isTextual()) {
      return underSecretName || isSecretValue(node.asText()) ? TextNode.valueOf(REDACTED) : node;
    }
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode replaced = redactInPlace(field.getValue(), underSecretName || isSecretName(field.getKey()));
        if (replaced != field.getValue()) {
          field.setValue(replaced);
        }
      }
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        JsonNode replaced = redactInPlace(array.get(i), underSecretName);
        if (replaced != array.get(i)) {
          array.set(i, replaced);
        }
      }
    }
    return node;
  }
}
