package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds the fields of an object its schema does not know — what {@code fieldValidation=Strict}
 * rejects and {@code Warn} reports — by walking the object along its OpenAPI v3 schema
 * ({@code $ref}, {@code allOf}, {@code items}, {@code additionalProperties}). Objects whose
 * schema preserves unknown fields, or has no properties, are not checked further.
 */
public final class FieldValidation {

  private static final int MAX_REPORTED = 100;

  private final JsonNode schemas;

  /** @param schemas the {@code components.schemas} of the object's group-version document */
  public FieldValidation(JsonNode schemas) {
    this.schemas = schemas;
  }

  /** The unknown fields of object, as {@code spec.template.foo} paths, in document order. */
  public List<String> unknownFields(JsonNode object, JsonNode schema) {
    List<String> out = new ArrayList<>();
    walk(object, schema, "", out, 0);
    return out;
  }

  private JsonNode resolve(JsonNode schema) {
    for (int i = 0; i < 16 && schema != null; i++) {
      if (schema.has("$ref")) {
        String ref = schema.get("$ref").asText();
        schema = schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
      } else if (schema.has("allOf") && schema.get("allOf").size() == 1 && !schema.has("properties")) {
        schema = schema.get("allOf").get(0);
      } else {
        return schema;
      }
    }
    return schema;
  }

  private void walk(JsonNode value, JsonNode schema, String path, List<String> out, int depth) {
    schema = resolve(schema);
    if (schema == null || value == null || value.isNull() || out.size() >= MAX_REPORTED || depth > 64
        || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      return;
    }
    if (value.isArray()) {
      JsonNode items = schema.get("items");
      if (items != null) {
        for (int i = 0; i < value.size(); i++) {
          walk(value.get(i), items, path + "[" + i + "]", out, depth + 1);
        }
      }
      return;
    }
    if (!value.isObject()) {
      return;
    }
    JsonNode props = schema.get("properties");
    JsonNode additional = schema.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> f = it.next();
      String child = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
      if (props != null && props.has(f.getKey())) {
        walk(f.getValue(), props.get(f.getKey()), child, out, depth + 1);
      } else if (additional != null && additional.isObject()) {
        walk(f.getValue(), additional, child, out, depth + 1);
      } else if (props != null && (additional == null || !additional.asBoolean(false))) {
        out.add(child);
      }
    }
  }
}
