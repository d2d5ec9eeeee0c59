package io.logplane.api.validation.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Go's {@code json.Unmarshal} into a {@code map[string]interface{}}, as the docker config
 * secrets are checked: the error text it gives for the common failures, or empty when it reads.
 */
public final class GoJson {

  private GoJson() {}

  public static Optional<String> unmarshalObjectError(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return Optional.of("unexpected end of JSON input");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(text);
    } catch (JsonParseException e) {
      String msg = e.getOriginalMessage();
      if (msg != null && msg.startsWith("Unexpected end-of-input")) {
        return Optional.of("unexpected end of JSON input");
      }
      char c = text.charAt(0);
      return Optional.of("invalid character '" + c + "' looking for beginning of value");
    } catch (IOException e) {
      return Optional.of("unexpected end of JSON input");
    }
    if (node == null || node.isNull() || node.isObject()) {
      return Optional.empty();
    }
    String kind = node.isArray() ? "array" : node.isTextual() ? "string" : node.isBoolean() ? "bool" : "number";
    return Optional.of("json: cannot unmarshal " + kind + " into Go value of type map[string]interface {}");
  }
}
