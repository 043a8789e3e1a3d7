package dev.attest.inventory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams ARM objects out of one exported file: a plain JSON array, Resource Graph output
 * ({@code {"data":[…]}}, {@code {"count":…,"data":[…]}}), an ARM list page ({@code {"value":[…]}}),
 * a single object, or JSON Lines. Each object is parsed on its own, so a file of any size is
 * read in bounded memory, and a bad element costs only itself.
 */
public final class SnapshotParser {
  private final ObjectMapper mapper;
  private final JsonFactory factory;

  public SnapshotParser(ObjectMapper mapper) {
    this.mapper = mapper;
    this.factory = mapper.getFactory();
  }

  /** Reads one file's content; {@code name} is how problems refer to it. */
  public void parse(String name, InputStream in, boolean jsonLines, InventorySink sink) {
    try {
      if (jsonLines) {
        parseLines(name, in, sink);
      } else {
        parseDocument(name, in, sink);
      }
    } catch (JsonParseException e) {
      JsonLocation at = e.getLocation();
      sink.problem(new SourceProblem(name, line(at), column(at),
          "malformed JSON: " + e.getOriginalMessage() + "; the rest of this file was not read"));
    } catch (IOException e) {
      sink.problem(new SourceProblem(name, 0, 0, "cannot be read: " + e.getMessage()));
    }
  }

  private void parseDocument(String name, InputStream in, InventorySink sink) throws IOException {
    try (JsonParser parser = factory.createParser(in)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        sink.problem(new SourceProblem(name, 0, 0, "is empty"));
        return;
      }
      if (first == JsonToken.START_ARRAY) {
        readElements(name, parser, sink);
      } else if (first == JsonToken.START_OBJECT) {
        readTopObject(name, parser, sink);
      } else {
        JsonLocation at = parser.currentTokenLocation();
        sink.problem(new SourceProblem(name, line(at), column(at),
            "holds a JSON " + first.asString() + ", not an ARM object, array or Resource Graph result"));
        return;
      }
      if (parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        sink.problem(new SourceProblem(name, line(at), column(at),
            "unexpected content after the end of the JSON document (use .jsonl for JSON Lines)"));
      }
    }
  }

  /** A top-level object is a wrapper ({@code data}/{@code value} array) or one ARM object. */
  private void readTopObject(String name, JsonParser parser, InventorySink sink) throws IOException {
    JsonLocation start = parser.currentTokenLocation();
    ObjectNode rest = mapper.createObjectNode();
    boolean wrapper = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if ((field.equals("data") || field.equals("value")) && value == JsonToken.START_ARRAY) {
        wrapper = true;
        readElements(name, parser, sink);
      } else {
        rest.set(field, mapper.readTree(parser));
      }
    }
    if (!wrapper) {
      deliver(name, rest, start, 0, sink);
    }
  }

  private void readElements(String name, JsonParser parser, InventorySink sink) throws IOException {
    int index = 0;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw new JsonParseException(parser, "unexpected end of file inside an array");
      }
      JsonLocation at = parser.currentTokenLocation();
      JsonNode element = mapper.readTree(parser);
      deliver(name, element, at, ++index, sink);
    }
  }

  /**
   * Reads JSON Lines from a stream of UTF-8 bytes, numbering lines from 1. Each line is parsed
   * from its bytes on its own, so a malformed line costs only itself.
   */
  private void parseLines(String name, InputStream in, InventorySink sink) throws IOException {
    byte[] buffer = new byte[1 << 16];
    int filled = 0;
    int start = 0;
    int number = 0;
    boolean eof = false;
    while (true) {
      int newline = -1;
      for (int i = start; i < filled; i++) {
        if (buffer[i] == '\n') {
          newline = i;
          break;
        }
      }
      if (newline < 0 && !eof) {
        // Keep the unfinished line at the front and read more behind it (growing for long lines).
        int pending = filled - start;
        if (start > 0) {
          System.arraycopy(buffer, start, buffer, 0, pending);
        } else if (pending == buffer.length) {
          buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        start = 0;
        filled = pending;
        int read = in.read(buffer, filled, buffer.length - filled);
        if (read < 0) {
          eof = true;
        } else {
          filled += read;
        }
        continue;
      }
      if (newline < 0 && start == filled) {
        return;
      }
      int end = newline < 0 ? filled : newline;
      parseLine(name, buffer, start, end, ++number, sink);
      start = newline < 0 ? filled : newline + 1;
    }
  }

  private void parseLine(String name, byte[] bytes, int from, int to, int number, InventorySink sink) {
    int end = to;
    while (end > from && (bytes[end - 1] == '\r' || bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) {
      end--;
    }
    int begin = from;
    while (begin < end && (bytes[begin] == ' ' || bytes[begin] == '\t')) {
      begin++;
    }
    if (begin == end) {
      return;
    }
    try {
      deliverLine(name, mapper.readTree(bytes, begin, end - begin), number, sink);
    } catch (JsonParseException e) {
      sink.problem(new SourceProblem(name, number, column(e.getLocation()),
          "malformed JSON line: " + e.getOriginalMessage()));
    } catch (IOException e) {
      sink.problem(new SourceProblem(name, number, 0, "cannot be read: " + e.getMessage()));
    }
  }

  private void deliverLine(String name, JsonNode element, int line, InventorySink sink) {
    ArmNormalizer.Result result = ArmNormalizer.normalize(element);
    if (result.object() == null) {
      sink.problem(new SourceProblem(name, line, 1, "line " + line + " " + result.rejection()));
    } else {
      sink.accept(result.object(), name, line);
    }
  }

  private void deliver(String name, JsonNode element, JsonLocation at, int index, InventorySink sink) {
    ArmNormalizer.Result result = ArmNormalizer.normalize(element);
    if (result.object() == null) {
      String which = index > 0 ? "element " + index + " " : "the document ";
      sink.problem(new SourceProblem(name, line(at), column(at), which + result.rejection()));
    } else {
      sink.accept(result.object(), name, line(at));
    }
  }

  private static int line(JsonLocation at) {
    return at == null ? 0 : at.getLineNr();
  }

  private static int column(JsonLocation at) {
    return at == null ? 0 : at.getColumnNr();
  }
}
