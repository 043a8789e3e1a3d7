package dev.attest.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The compact form in which an inventory that keeps only what rules read holds each object's
 * kept fields: Smile, Jackson's binary JSON, with repeated names and short values written once
 * per object (an NSG's rules repeat both). Lossless: decoding gives back an equal tree.
 */
final class BodyCodec {
  private static final ObjectMapper SMILE = new ObjectMapper(SmileFactory.builder()
      .enable(SmileGenerator.Feature.CHECK_SHARED_STRING_VALUES).build());

  private BodyCodec() {}

  static byte[] encode(ObjectNode body) {
    try {
      return SMILE.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode an object body", e);
    }
  }

  static ObjectNode decode(byte[] encoded) {
    try {
      return (ObjectNode) SMILE.readTree(encoded);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode an object body", e);
    }
  }
}
