package io.logplane.api.validation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.KindValidator;
import io.logplane.api.validation.Names;
import io.logplane.api.validation.internal.GoValues;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * A ConfigMap: keys valid config keys, none in both data and binaryData, at most 1 MiB of values
 * in all (reported at the path "[]", the whole object, as there); immutable ones keep their data.
 */
final class ConfigMapValidator implements KindValidator {

  static final int MAX_SIZE = 1024 * 1024;

  @Override
  public void validate(ObjectNode cm, FieldErrors errors) {
    long size = 0;
    JsonNode binary = cm.path("binaryData");
    for (Iterator<Map.Entry<String, JsonNode>> it = cm.path("data").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = "data[" + e.getKey() + "]";
      Names.check(Names.isConfigMapKey(e.getKey()), path, e.getKey(), errors);
      if (binary.has(e.getKey())) {
        errors.invalid(path, e.getKey(), "duplicate of key present in binaryData");
      }
      size += GoValues.bytes(e.getValue().asText());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = binary.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      Names.check(Names.isConfigMapKey(e.getKey()), "binaryData[" + e.getKey() + "]", e.getKey(), errors);
      size += decodedLength(e.getValue());
    }
    if (size > MAX_SIZE) {
      errors.tooLong("[]", "", MAX_SIZE);
    }
  }

  @Override
  public void validateUpdate(ObjectNode old, ObjectNode cm, FieldErrors errors) {
    Immutables.check(old, cm, errors, "data", "binaryData");
  }

  static long decodedLength(JsonNode base64) {
    try {
      return Base64.getMimeDecoder().decode(base64.asText()).length;
    } catch (IllegalArgumentException e) {
      return base64.asText().length();
    }
  }
}
