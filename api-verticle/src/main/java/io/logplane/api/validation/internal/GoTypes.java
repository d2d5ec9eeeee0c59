package io.logplane.api.validation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Go's {@code json.Unmarshal} into the typed object, as kube-apiserver decodes a body: a value
 * of another JSON type than its Go field (a number for a string, a string for an int32, an
 * object for a list) fails the whole decoding. The Go types are read from the kind's OpenAPI v3
 * schema ({@code type}, {@code format}, {@code oneOf} for quantities and int-or-strings); a
 * schema that gives no type takes anything, and null is always accepted (a nil or zero field).
 */
public final class GoTypes {

  private final JsonNode schemas;

  /** @param schemas the {@code components.schemas} of the kind's group-version document */
  public GoTypes(JsonNode schemas) {
    this.schemas = schemas;
  }

  /** Go's error for the first value of a wrong type, e.g. {@code cannot unmarshal number into Go struct field ConfigMap.data of type string}. */
  public Optional<String> error(JsonNode value, JsonNode schema, String kind) {
    return walk(value, schema, kind, 0);
  }

  private Optional<String> walk(JsonNode value, JsonNode schema, String path, int depth) {
    schema = resolve(schema);
    if (schema == null || value == null || value.isNull() || depth > 64
        || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      return Optional.empty();
    }
    if (schema.has("oneOf")) {
      for (JsonNode alt : schema.get("oneOf")) {
        if (fits(value, alt.path("type").asText(""), alt.path("format").asText(""))) {
          return Optional.empty();
        }
      }
      return fail(value, path, schema.path("format").asText("").equals("int-or-string") ? "intstr.IntOrString"
          : "resource.Quantity");
    }
    String type = schema.path("type").asText("");
    if (type.isEmpty() && (schema.has("properties") || schema.has("additionalProperties"))) {
      type = "object";
    }
    if (type.isEmpty()) {
      return Optional.empty();
    }
    if (!fits(value, type, schema.path("format").asText(""))) {
      return fail(value, path, goType(schema));
    }
    if (value.isArray()) {
      for (JsonNode item : value) {
        Optional<String> e = walk(item, schema.get("items"), path, depth + 1);
        if (e.isPresent()) {
          return e;
        }
      }
    } else if (value.isObject()) {
      JsonNode props = schema.get("properties");
      JsonNode additional = schema.get("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode child = props != null && props.has(f.getKey()) ? props.get(f.getKey())
            : additional != null && additional.isObject() ? additional : null;
        Optional<String> e = child == null ? Optional.empty() : walk(f.getValue(), child,
            props != null && props.has(f.getKey()) ? path + "." + f.getKey() : path, depth + 1);
        if (e.isPresent()) {
          return e;
        }
      }
    }
    return Optional.empty();
  }

  private static boolean fits(JsonNode v, String type, String format) {
    return switch (type) {
      case "string" -> v.isTextual();
      case "boolean" -> v.isBoolean();
      case "number" -> v.isNumber();
      case "integer" -> v.isIntegralNumber() && (!format.equals("int32") || v.canConvertToInt())
          && v.canConvertToLong();
      case "array" -> v.isArray();
      case "object" -> v.isObject();
      default -> true;
    };
  }

  private Optional<String> fail(JsonNode v, String path, String goType) {
    String kind = v.isTextual() ? "string" : v.isBoolean() ? "bool" : v.isArray() ? "array" : v.isObject()
        ? "object" : goType.startsWith("int") ? "number " + v.asText() : "number";
    int dot = path.indexOf('.');
    String where = dot < 0 ? "Go value" : "Go struct field " + path;
    return Optional.of("json: cannot unmarshal " + kind + " into " + where + " of type " + goType);
  }

  private String goType(JsonNode schema) {
    String type = schema.path("type").asText("object");
    return switch (type) {
      case "string" -> "string";
      case "boolean" -> "bool";
      case "number" -> "float64";
      case "integer" -> schema.path("format").asText("").equals("int32") ? "int32" : "int64";
      case "array" -> "[]" + goType(orEmpty(resolve(schema.get("items"))));
      default -> schema.has("additionalProperties") && schema.get("additionalProperties").isObject()
          ? "map[string]" + goType(orEmpty(resolve(schema.get("additionalProperties"))))
          : "struct";
    };
  }

  private static JsonNode orEmpty(JsonNode n) {
    return n == null ? JsonNodeFactory.instance.objectNode() : n;
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
}
