package io.logplane.api.patch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.logplane.api.http.Bodies;
import java.io.IOException;

/** JSON helpers shared by the patch kinds: parsing bodies and comparing values as Go does. */
final class Json {

  private static final StreamReadConstraints DEPTH =
      StreamReadConstraints.builder().maxNestingDepth(Bodies.MAX_DEPTH).build();

  /** Patch bodies nest no deeper than object bodies ({@link Bodies#MAX_DEPTH}); the walks recurse. */
  static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder().streamReadConstraints(DEPTH).build());
  static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().streamReadConstraints(DEPTH).build());
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** Parses a JSON body; 400 when it is not JSON. */
  static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      throw PatchException.badRequest("empty patch body");
    }
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || n.isMissingNode()) {
        throw PatchException.badRequest("empty patch body");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw PatchException.badRequest("invalid JSON document: " + Bodies.withoutSource(e.getOriginalMessage()));
    } catch (IOException e) {
      throw PatchException.badRequest("invalid JSON document: " + e.getMessage());
    }
  }

  /** Parses a body that must be one JSON object; 400 otherwise. */
  static ObjectNode parseObject(byte[] body) {
    JsonNode n = parse(body);
    if (!n.isObject()) {
      throw PatchException.badRequest("invalid JSON document: the patch must be a JSON object");
    }
    return (ObjectNode) n;
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Value equality as Go sees decoded JSON: every number is a float64, so 80 equals 80.0. */
  static boolean same(JsonNode a, JsonNode b) {
    if (a == null || a.isNull() || a.isMissingNode()) {
      return b == null || b.isNull() || b.isMissingNode();
    }
    if (b == null) {
      return false;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  /** Compact JSON text of a node. */
  static String text(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** Coarse JSON kind, the unit Go's reflect.TypeOf distinguishes in decoded JSON. */
  static String kind(JsonNode n) {
    if (n == null || n.isNull()) {
      return "null";
    }
    if (n.isObject()) {
      return "object";
    }
    if (n.isArray()) {
      return "array";
    }
    if (n.isNumber()) {
      return "number";
    }
    return n.isBoolean() ? "boolean" : "string";
  }
}
