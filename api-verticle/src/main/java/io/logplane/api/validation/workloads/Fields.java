package io.logplane.api.validation.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.validation.FieldErrors;
import java.util.Iterator;
import java.util.Map;

/** Reading optional fields of a decoded object, and immutable fields between two versions. */
public final class Fields {

  private Fields() {}

  /** Given and not null (Go's non-nil pointer). */
  public static boolean has(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    return n != null && !n.isNull();
  }

  /** A non-negative integer field when given: {@code ValidateNonnegativeField}. */
  public static void nonNegative(JsonNode parent, String field, String path, FieldErrors errors) {
    if (has(parent, field) && parent.get(field).asLong() < 0) {
      errors.invalid(path, parent.get(field).asLong(), "must be greater than or equal to 0");
    }
  }

  /**
   * {@code ValidateImmutableField}: equal as apimachinery's semantic equality sees it (a missing
   * field, null, an empty list and an empty map are the same), else "field is immutable".
   */
  public static void immutable(JsonNode old, JsonNode now, String path, Object shown, FieldErrors errors) {
    if (!same(old, now)) {
      errors.invalid(path, shown, "field is immutable");
    }
  }

  public static boolean same(JsonNode a, JsonNode b) {
    return normal(a).equals(normal(b));
  }

  /** The value with nulls and empty lists and maps left out, recursively. */
  public static JsonNode normal(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (n.isObject()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = normal(e.getValue());
        if (!v.isNull()) {
          o.set(e.getKey(), v);
        }
      }
      return o.isEmpty() ? JsonNodeFactory.instance.nullNode() : o;
    }
    if (n.isArray()) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      n.forEach(i -> a.add(normal(i)));
      return a.isEmpty() ? JsonNodeFactory.instance.nullNode() : a;
    }
    return n.isIntegralNumber() ? JsonNodeFactory.instance.numberNode(n.asLong()) : n;
  }
}
