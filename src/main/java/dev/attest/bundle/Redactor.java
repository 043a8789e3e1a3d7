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
 * or written. Three tests decide, each cheap for the values that are not secrets:
 * <ul>
 *   <li>the <em>property name</em>: everything under a secret-bearing name (password, connection
 *       string, account key, SAS token, private key, token, credentials, {@code secureValue} …),
 *       and a string under a name ending in {@code key} ({@code storageKey}, {@code key1},
 *       {@code API_KEY}) unless the name is a known non-secret ({@code publicKey}, {@code partitionKey})
 *       or the value is a reference (a URL or an ARM id);</li>
 *   <li>the <em>sibling name</em>: in name/value pairs (App Service {@code appSettings}, container
 *       {@code environmentVariables}, storage {@code keys}, template parameters) the {@code value}
 *       or {@code secureValue} of an entry whose {@code name} looks secret ({@code DB_PASSWORD},
 *       {@code API_KEY}), that carries a {@code keyName}, or that is typed {@code securestring};</li>
 *   <li>the <em>value itself</em>, wherever it is: a SAS token or SAS URL, a connection string
 *       with a key or password, a PEM private key, a JWT, a URL with a password in it, base64 key
 *       material ({@code …==}), GitHub, Slack and Azure DevOps tokens.</li>
 * </ul>
 *
 * <p>Only string values are replaced and property names stay, so a rule asking whether a password
 * or a connection string is <em>present</em> decides the same on the redacted copy; nulls, booleans
 * and numbers are never secrets and stay as they are. Names that rules read to judge encryption
 * ({@code keySource}, {@code keyName}, {@code keyVaultUri}, {@code keyUrl}, {@code keyVersion},
 * {@code serverKeyType}) do not end in {@code key} and hold no key material, so they are kept.
 */
public final class Redactor {
  /** What every redacted value becomes. */
  public static final String REDACTED = "[REDACTED]";

  /**
   * The siblings that decide whether a {@code value} or {@code secureValue} is secret (see
   * {@code isSecretPair}): whoever keeps only part of an object and redacts that part must keep
   * these beside such a member, or a secret could be judged on less than its whole entry.
   */
  private static final Map<String, List<String>> PAIR_SIBLINGS = Map.of(
      "value", List.of("name", "key", "keyName", "type"),
      "secureValue", List.of("name", "key", "keyName", "type"));

  /**
   * A plan for what to keep of each object that also keeps what this redactor reads beside the
   * values it judges, so that redacting the kept part decides as redacting the whole would.
   */
  public static dev.attest.inventory.Retention.Builder keepingPairs(dev.attest.inventory.Retention.Builder plan) {
    PAIR_SIBLINGS.forEach(plan::keepBeside);
    return plan;
  }

  /**
   * Property names (normalised: lower case, without {@code _ - . :} and spaces) that hold a
   * secret, matched as a suffix so that {@code adminPassword}, {@code administratorLoginPassword}
   * and {@code clientSecret} are caught, while {@code passwordProfile}, {@code secretName} or
   * {@code keySource} are not. Everything inside such a property is redacted.
   */
  private static final List<String> SECRET_NAME_SUFFIXES = List.of(
      "password", "passwd", "secret", "connectionstring", "accountkey", "primarykey", "secondarykey", "masterkey",
      "accesskey", "sharedkey", "privatekey", "apikey", "sastoken", "token", "credentials", "credential",
      "securevalue");

  /** Property names that are secrets only when they are the whole name. */
  private static final Set<String> SECRET_NAMES = Set.of("sas", "pwd", "sig");

  /**
   * Names ending in {@code key} that are not key material: public keys, the key of a row or a
   * partition. (Reference names such as {@code keyName} or {@code keyVaultUri} do not end in
   * {@code key} at all.)
   */
  private static final List<String> NON_SECRET_KEY_SUFFIXES = List.of(
      "publickey", "partitionkey", "rowkey", "sortkey", "shardkey", "customermanagedkey");

  /** Words that make a setting name (the {@code name} beside a {@code value}) secret wherever they occur in it. */
  private static final List<String> SECRET_SETTING_WORDS = List.of(
      "password", "passwd", "secret", "token", "credential", "connectionstring", "apikey", "accesskey", "accountkey",
      "privatekey", "sharedkey", "signingkey", "sastoken");

  /** Whole segments of a setting name ({@code DB_PWD}, {@code STORAGE_KEY}, {@code SAS}) that make it secret. */
  private static final Set<String> SECRET_SETTING_SEGMENTS = Set.of("key", "pwd", "pass", "sas", "sig", "pat");

  /** Value shapes that are secrets wherever they appear, once a value contains '=', PEM armour or "eyJ". */
  private static final List<Pattern> SECRET_VALUES = List.of(
      // SAS token or a URL carrying one: the signature parameter is the secret.
      Pattern.compile("(?i)(^|[?&;\\s])sig=[^&\\s]+"),
      // Connection strings that embed a key or a password (storage, Service Bus, SQL; Redis uses commas).
      Pattern.compile("(?i)(^|[;,\\s])\\s*(AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)\\s*="),
      // PEM private keys of any algorithm.
      Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----"),
      // JWTs: base64url header and payload of JSON objects ("eyJ" is base64 of '{"'), then a signature.
      Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"));

  /**
   * Base64 key material as a whole value: 40 or more base64 characters and padding (storage and
   * Cosmos DB keys are 88 characters ending in "==", Service Bus and Event Grid keys 44 ending in "=").
   */
  private static final Pattern BASE64_KEY = Pattern.compile("[A-Za-z0-9+/]{40,}={1,2}");

  /** Service Bus / Event Hubs SAS token form: {@code SharedAccessSignature sr=…&sig=…}. */
  private static final Pattern SAS_HEADER = Pattern.compile("(?i)SharedAccessSignature\\s+[a-z]+=");

  /** GitHub tokens (classic {@code ghp_}, OAuth, user-to-server, server-to-server, refresh, fine-grained). */
  private static final Pattern GITHUB_TOKEN = Pattern.compile("(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})");

  /** Slack tokens and incoming-webhook URLs. */
  private static final Pattern SLACK_TOKEN = Pattern.compile("(xox[abposr]-[A-Za-z0-9-]{10,}|hooks\\.slack\\.com/services/[A-Za-z0-9/]+)");

  /** A URL with a password in its user information: {@code https://user:password@host}. */
  private static final Pattern URL_PASSWORD = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]*:[^/\\s@]+@");

  private static final byte SECRET = 1;
  private static final byte KEY = 2;
  /** Bound on the name cache: names repeat across objects, but a tenant's setting names and tags need not. */
  private static final int CACHE_LIMIT = 20_000;

  /**
   * What each property name is ({@link #SECRET}, {@link #KEY} bits): the same few hundred names
   * occur in every object, so each is classified once instead of once per object.
   */
  private final java.util.concurrent.ConcurrentHashMap<String, Byte> names = new java.util.concurrent.ConcurrentHashMap<>();

  private byte classify(String name) {
    Byte known = names.get(name);
    if (known != null) {
      return known;
    }
    byte kind = (byte) ((isSecretName(name) ? SECRET : 0) | (isKeyName(name) ? KEY : 0));
    if (names.size() < CACHE_LIMIT) {
      names.put(name, kind);
    }
    return kind;
  }

  /** Whether a property of this name holds a secret (everything inside it is redacted). */
  public boolean isSecretName(String name) {
    String lower = normalise(name);
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

  /**
   * Whether a property of this name holding a string holds key material: a name ending in
   * {@code key} or {@code key1}, {@code key2} ({@code storageKey}, {@code STORAGE_KEY}), unless
   * it names a public key or a partition or row key. A bare {@code key} is a label, not a key.
   */
  public boolean isKeyName(String name) {
    String normalised = normalise(name);
    String lower = stripDigits(normalised);
    // A bare "key" is the label of a key/value pair ({"key": "environment", "value": "prod"});
    // "key1", "key2" are the keys a listKeys call returns.
    if (!lower.endsWith("key") || normalised.equals("key")) {
      return false;
    }
    for (String suffix : NON_SECRET_KEY_SUFFIXES) {
      if (lower.endsWith(suffix)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a setting's name (the {@code name} beside a {@code value} in a name/value list, often
   * an environment variable) says its value is secret: a secret word anywhere in it
   * ({@code DOCKER_REGISTRY_SERVER_PASSWORD}, {@code MICROSOFT_PROVIDER_AUTHENTICATION_SECRET}),
   * a segment such as {@code KEY} or {@code PWD} ({@code API_KEY}, {@code DB_PWD}), or a name
   * ending in {@code key}.
   */
  public boolean isSecretSettingName(String name) {
    if (isSecretName(name) || isKeyName(name)) {
      return true;
    }
    String lower = normalise(name);
    for (String word : SECRET_SETTING_WORDS) {
      if (lower.contains(word)) {
        return true;
      }
    }
    for (String segment : segments(name)) {
      if (SECRET_SETTING_SEGMENTS.contains(segment)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a string value looks like a secret on its own. */
  public boolean isSecretValue(String value) {
    // Every secret shape needs one of a few marks ('=', PEM armour, "eyJ", '_' with "gh", "xox",
    // "://" with '@', "SharedAccessSignature") or an exact length. One pass over the value finds
    // which marks it has; most values have none, and skipping the patterns for them is what keeps
    // redaction cheap on a million objects.
    int marks = marks(value);
    int length = value.length();
    boolean equals = (marks & EQUALS) != 0;
    if ((marks & (EQUALS | PEM | JWT)) != 0) {
      for (Pattern pattern : SECRET_VALUES) {
        if (pattern.matcher(value).find()) {
          return true;
        }
      }
      if (equals && value.charAt(length - 1) == '=' && BASE64_KEY.matcher(value).matches()) {
        return true;
      }
    }
    if (length < 20) {
      return false;
    }
    if ((marks & UNDERSCORE) != 0 && (marks & GITHUB) != 0 && GITHUB_TOKEN.matcher(value).find()) {
      return true;
    }
    if ((marks & SLACK) != 0 && SLACK_TOKEN.matcher(value).find()) {
      return true;
    }
    if ((marks & (AT | SCHEME)) == (AT | SCHEME) && URL_PASSWORD.matcher(value).find()) {
      return true;
    }
    if ((marks & SAS) != 0 && SAS_HEADER.matcher(value).find()) {
      return true;
    }
    return (length == 52 || length == 84) && isDevOpsToken(value);
  }

  private static final int EQUALS = 1;
  private static final int PEM = 1 << 1;
  private static final int JWT = 1 << 2;
  private static final int UNDERSCORE = 1 << 3;
  private static final int GITHUB = 1 << 4;
  private static final int SLACK = 1 << 5;
  private static final int AT = 1 << 6;
  private static final int SCHEME = 1 << 7;
  private static final int SAS = 1 << 8;

  /**
   * The marks a value carries, found in one pass over its Latin-1 bytes (a substring is looked
   * for only where its first character is). Characters beyond Latin-1 become '?', which no mark
   * contains; every mark is ASCII.
   */
  private static int marks(String value) {
    byte[] text = value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    int marks = 0;
    for (int i = 0; i < text.length; i++) {
      switch (text[i]) {
        case '=' -> marks |= EQUALS;
        case '_' -> marks |= UNDERSCORE;
        case '@' -> marks |= AT;
        case '-' -> marks |= at(text, i, PEM_MARK) ? PEM : 0;
        case 'e' -> marks |= at(text, i, JWT_MARK) ? JWT : 0;
        case 'g' -> marks |= at(text, i, GITHUB_MARK) || at(text, i, GITHUB_PAT_MARK) ? GITHUB : 0;
        case 'x' -> marks |= at(text, i, SLACK_MARK) ? SLACK : 0;
        case 'h' -> marks |= at(text, i, SLACK_HOOK_MARK) ? SLACK : 0;
        case ':' -> marks |= at(text, i, SCHEME_MARK) ? SCHEME : 0;
        case 'S' -> marks |= at(text, i, SAS_MARK) ? SAS : 0;
        default -> { }
      }
    }
    return marks;
  }

  private static final byte[] PEM_MARK = ascii("-----BEGIN");
  private static final byte[] JWT_MARK = ascii("eyJ");
  private static final byte[] GITHUB_MARK = ascii("gh");
  private static final byte[] GITHUB_PAT_MARK = ascii("github_pat_");
  private static final byte[] SLACK_MARK = ascii("xox");
  private static final byte[] SLACK_HOOK_MARK = ascii("hooks.slack.com");
  private static final byte[] SCHEME_MARK = ascii("://");
  private static final byte[] SAS_MARK = ascii("SharedAccessSignature");

  private static byte[] ascii(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static boolean at(byte[] text, int from, byte[] mark) {
    if (from + mark.length > text.length) {
      return false;
    }
    for (int i = 0; i < mark.length; i++) {
      if (text[from + i] != mark[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * An Azure DevOps personal access token: 52 characters of lower-case base32 (with at least
   * one digit, which names and words lack), or the newer 84 characters with "AZDO" at 76.
   */
  static boolean isDevOpsToken(String value) {
    if (value.length() == 84) {
      return value.startsWith("AZDO", 76) && alphanumeric(value);
    }
    boolean digit = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '2' && c <= '7') {
        digit = true;
      } else if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return digit;
  }

  private static boolean alphanumeric(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
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
      boolean secretPair = !underSecretName && isSecretPair(object);
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = field.getKey();
        JsonNode value = field.getValue();
        byte kind = underSecretName ? SECRET : classify(name);
        boolean secret = (kind & SECRET) != 0
            || ((kind & KEY) != 0 && value.isTextual() && !isReference(value.asText()))
            || (secretPair && (name.equals("value") || name.equals("secureValue")));
        JsonNode replaced = redactInPlace(value, secret);
        if (replaced != value) {
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

  /**
   * A name/value entry whose value is secret: a {@code value} or {@code secureValue} beside a
   * {@code name} (or App Configuration's {@code key}) that looks secret, beside a {@code keyName}
   * (storage and Service Bus keys), or typed {@code securestring}/{@code secureobject} (ARM
   * template parameters).
   */
  private boolean isSecretPair(ObjectNode object) {
    if (!object.has("value") && !object.has("secureValue")) {
      return false;
    }
    if (object.has("keyName")) {
      return true;
    }
    JsonNode type = object.get("type");
    if (type != null && type.isTextual()
        && (type.asText().equalsIgnoreCase("securestring") || type.asText().equalsIgnoreCase("secureobject"))) {
      return true;
    }
    JsonNode name = object.has("name") ? object.get("name") : object.get("key");
    return name != null && name.isTextual() && isSecretSettingName(name.asText());
  }

  /** A URL or an ARM id: where a key lives, not the key. */
  private static boolean isReference(String value) {
    return value.isEmpty() || value.startsWith("/subscriptions/") || value.startsWith("/providers/")
        || (value.indexOf("://") > 0 && !URL_PASSWORD.matcher(value).find());
  }

  /** Lower case without the separators names use ({@code API_KEY}, {@code api-key}, {@code Api.Key}). */
  private static String normalise(String name) {
    StringBuilder out = null;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean separator = c == '_' || c == '-' || c == '.' || c == ':' || c == ' ';
      boolean upper = c >= 'A' && c <= 'Z';
      if (out == null && (separator || upper || c > 127)) {
        out = new StringBuilder(name.length()).append(name, 0, i);
      }
      if (out != null && !separator) {
        out.append(Character.toLowerCase(c));
      }
    }
    return out == null ? name : out.toString();
  }

  private static String stripDigits(String name) {
    int end = name.length();
    while (end > 0 && Character.isDigit(name.charAt(end - 1))) {
      end--;
    }
    return name.substring(0, end);
  }

  /** The words of a name split at separators and camel-case humps, lower case: {@code dbPwd} → db, pwd. */
  private static List<String> segments(String name) {
    return List.of(name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).split("[^a-z0-9]+"));
  }
}
