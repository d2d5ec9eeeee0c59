package io.logplane.projections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.CompactNodes;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one ObjectMapper of the process, and the conversions everything shares. */
public final class Json {

  /**
   * Writes a double in its shortest decimal form by Jackson's own code, not Double.toString,
   * which gives another form for some values before JDK 19 (2e23 as 1.9999999999999998E23):
   * a store built on one JDK must hold the bytes another JDK would write.
   */
  public static final ObjectMapper MAPPER = JsonMapper.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .nodeFactory(CompactNodes.INSTANCE).build();

  private Json() {}

  public static byte[] bytes(ObjectNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses an object; the caller knows the bytes hold one (they came from the store). */
  public static ObjectNode object(byte[] bytes) {
    try {
      return (ObjectNode) MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
