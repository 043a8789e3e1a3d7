package dev.attest.live;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * ARM list calls through an azure-core pipeline (token, retries honouring Retry-After, per-attempt
 * timeout, counting): one collection, every page by {@code nextLink}.
 */
final class ArmReader {
  /** A guard against a service handing back the same nextLink for ever. */
  private static final int MAX_PAGES = 1000;

  private final HttpPipeline pipeline;
  private final int maxPages;
  private final String endpoint;
  private final ObjectMapper mapper;

  ArmReader(HttpPipeline pipeline, String endpoint, ObjectMapper mapper) {
    this(pipeline, endpoint, mapper, MAX_PAGES);
  }

  /** As above, stopping a list after {@code maxPages} pages (tests use a small bound). */
  ArmReader(HttpPipeline pipeline, String endpoint, ObjectMapper mapper, int maxPages) {
    this.maxPages = maxPages;
    this.pipeline = pipeline;
    this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    this.mapper = mapper;
  }

  /**
   * Every element of the collection at {@code path} (relative to the ARM endpoint), every page by
   * {@code nextLink}. Elements already read stay in {@code into} when a later page fails. A 404 is
   * an error (the parent Resource Graph listed is gone, or the collection does not exist under it),
   * unless {@code notFoundIsNone}: then it is an empty collection. A collection that keeps handing
   * out next links past {@value #MAX_PAGES} pages, or the same one twice, is not read to its end:
   * that is an error too, never a complete list.
   */
  void list(String path, List<JsonNode> into, boolean notFoundIsNone) throws ReadError {
    String url = endpoint + path;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int page = 0; url != null; page++) {
      if (page == maxPages) {
        throw new ReadError(Coverage.Status.FAILED, false, "GET " + path + " stopped after " + maxPages
            + " pages: the service still gave a nextLink");
      }
      if (!seen.add(url)) {
        throw new ReadError(Coverage.Status.FAILED, false, "GET " + path + " stopped at page " + (page + 1)
            + ": the service gave the same nextLink twice");
      }
      JsonNode body = get(url, notFoundIsNone);
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

  private JsonNode get(String url, boolean notFoundIsNone) throws ReadError {
    byte[] bytes;
    int status;
    // The asynchronous pipeline, blocked on: azure-core's TimeoutPolicy times attempts out only there.
    try (HttpResponse response = pipeline.send(new HttpRequest(HttpMethod.GET, url), Context.NONE).block()) {
      if (response == null) {
        throw new ReadError(Coverage.Status.FAILED, false, "no reply to GET " + relative(url));
      }
      status = response.getStatusCode();
      byte[] body = response.getBodyAsByteArray().block();
      bytes = body == null ? new byte[0] : body;
    } catch (RuntimeException e) {
      throw ReadError.from(e);
    }
    if (status == 404 && notFoundIsNone) {
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
