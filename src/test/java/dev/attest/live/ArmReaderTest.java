package dev.attest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** ARM list paging against an in-process HTTP client: no endless lists, no 404 taken for "none". */
class ArmReaderTest {
  static final String BASE = "https://fake-arm.invalid";

  static ArmReader reader(Function<HttpRequest, HttpResponse> replies, int maxPages) {
    HttpClient client = request -> Mono.just(replies.apply(request));
    return new ArmReader(new HttpPipelineBuilder().httpClient(client).build(), BASE + "/", new ObjectMapper(), maxPages);
  }

  static HttpResponse reply(HttpRequest request, int status, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpHeaders headers = new HttpHeaders().set(com.azure.core.http.HttpHeaderName.CONTENT_TYPE, "application/json");
    return new HttpResponse(request) {
      @Override
      public int getStatusCode() {
        return status;
      }

      @Override
      @Deprecated
      public String getHeaderValue(String name) {
        return headers.getValue(name);
      }

      @Override
      public HttpHeaders getHeaders() {
        return headers;
      }

      @Override
      public reactor.core.publisher.Flux<java.nio.ByteBuffer> getBody() {
        return reactor.core.publisher.Flux.just(java.nio.ByteBuffer.wrap(bytes));
      }

      @Override
      public Mono<byte[]> getBodyAsByteArray() {
        return Mono.just(bytes);
      }

      @Override
      public Mono<String> getBodyAsString() {
        return Mono.just(body);
      }

      @Override
      public Mono<String> getBodyAsString(java.nio.charset.Charset charset) {
        return Mono.just(body);
      }
    };
  }

  @Test
  void aListThatNeverEndsStopsAtTheBoundAsAnErrorKeepingWhatWasRead() {
    int[] page = {0};
    ArmReader reader = reader(r -> reply(r, 200, "{\"value\":[{\"id\":\"/x/" + page[0] + "\"}],\"nextLink\":\"" + BASE
        + "/list?page=" + (++page[0]) + "\"}"), 5);
    List<JsonNode> read = new ArrayList<>();
    ReadError error = assertThrows(ReadError.class, () -> reader.list("/list", read, false));
    assertEquals("GET /list stopped after 5 pages: the service still gave a nextLink", error.getMessage());
    assertEquals(Coverage.Status.FAILED, error.status());
    assertEquals(5, read.size(), "what was read stays");
  }

  @Test
  void theSameNextLinkTwiceIsAnError() {
    ArmReader reader = reader(r -> reply(r, 200, "{\"value\":[],\"nextLink\":\"" + BASE + "/list?again\"}"), 1000);
    ReadError error = assertThrows(ReadError.class, () -> reader.list("/list", new ArrayList<>(), false));
    assertTrue(error.getMessage().contains("the same nextLink twice"), error.getMessage());
  }

  @Test
  void aNotFoundIsAnErrorUnlessTheReadSaysItMeansNone() throws Exception {
    ArmReader reader = reader(r -> reply(r, 404, "{\"error\":{\"code\":\"ParentResourceNotFound\",\"message\":\"gone\"}}"), 10);
    ReadError error = assertThrows(ReadError.class, () -> reader.list("/list", new ArrayList<>(), false));
    assertTrue(error.getMessage().startsWith("HTTP 404 ParentResourceNotFound: gone (not found"), error.getMessage());
    List<JsonNode> none = new ArrayList<>();
    reader.list("/list", none, true);
    assertEquals(0, none.size());
  }
}
