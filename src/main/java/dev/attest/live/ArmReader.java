package dev.attest.live;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * ARM list calls through an azure-core pipeline (token, retries honouring Retry-After, per-attempt
 * timeout, counting): one collection, every page by {@code nextLink}.
 */
final class ArmReader {
  /** A guard against a service handing back the same nextLink for ever. */
  private static final int MAX_PAGES = 1000;

  private final HttpPipeline pipeline;
  private final String endpoint;
  private final ObjectMapper mapper;

  ArmReader(HttpPipeline pipeline, String endpoint, ObjectMapper mapper) {
    this.pipeline = pipeline;
    this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    this.mapper = mapper;
  }

  /**
   * Every element of the collection at {@code path} (relative to the ARM endpoint). A 404 is an
   * empty collection: the parent has no such child (or was deleted since Resource Graph saw it).
   * Elements already read stay in {@code into} when a later page fails.
   */
  void list(String path, List<JsonNode> into) throws ReadError {
    String url = endpoint + path;
    for (int page = 0; url != null && page < MAX_PAGES; page++) {
      JsonNode body = get(url);
      if (body == null) {
        return;
      }
      JsonNode value = body.get("value");
      if (value == null || !value.isArray()) {
        throw new ReadError(Coverage.Status.FAILED, false, "reply to GET " + path + " has no \"value\" array");
      }
      value.forEach(into::add);
      JsonNode next = body.get("nextLink");
      url = next != null && next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
    }
  }

  private JsonNode get(String url) throws ReadError {
    byte[] bytes;
    int status;
    try (HttpResponse response = pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE)) {
      status = response.getStatusCode();
      bytes = response.getBodyAsBinaryData().toBytes();
    } catch (RuntimeException e) {
      throw ReadError.from(e);
    }
    if (status == 404) {
      return null;
    }
    if (status >= 300) {
      JsonNode error = parseQuietly(bytes).path("error");
      throw ReadError.forStatus(status, text(error.get("code")), ReadError.firstLine(text(error.get("message"))));
    }
    try {
      return mapper.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ReadError(Coverage.Status.FAILED, false, "malformed JSON in reply to GET " + relative(url) + ": "
          + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ReadError(Coverage.Status.FAILED, false, "cannot read reply to GET " + relative(url) + ": " + e.getMessage());
    }
  }

  private JsonNode parseQuietly(byte[] bytes) {
    try {
      JsonNode node = mapper.readTree(bytes);
      return node == null ? mapper.createObjectNode() : node;
    } catch (java.io.IOException e) {
      return mapper.createObjectNode();
    }
  }

  private String relative(String url) {
    String path = url.startsWith(endpoint) ? url.substring(endpoint.length()) : url;
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
