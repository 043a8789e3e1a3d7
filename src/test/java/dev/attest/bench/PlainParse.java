package dev.attest.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark's yardstick: a plain Jackson streaming parse (every token, no tree, no work) of
 * the same snapshot files a scan reads. {@code java -cp attest.jar:test-classes dev.attest.bench.PlainParse DIR}
 */
public final class PlainParse {
  private PlainParse() {}

  public static void main(String[] args) throws IOException {
    JsonFactory factory = new JsonFactory();
    long tokens = 0;
    long objects = 0;
    for (String arg : args) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(Path.of(arg))) {
        files = walk.filter(Files::isRegularFile)
            .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsonl")).sorted().toList();
      }
      for (Path file : files) {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = factory.createParser(in)) {
          boolean lines = file.toString().endsWith(".jsonl");
          JsonToken token;
          while ((token = parser.nextToken()) != null) {
            tokens++;
            // Objects are those at depth 1 of a JSON Lines file or inside a page's data array.
            if (token == JsonToken.START_OBJECT && parser.getParsingContext().getNestingDepth() == (lines ? 1 : 3)) {
              objects++;
            }
          }
        }
      }
    }
    System.out.println("parsed " + objects + " objects, " + tokens + " tokens");
  }
}
