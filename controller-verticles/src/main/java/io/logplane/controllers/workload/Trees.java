package io.logplane.controllers.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;

/** Comparisons of JSON trees as the objects they stand for. */
public final class Trees {

  /** Numbers equal by value: an IntNode read back from the store equals the LongNode written. */
  private static final Comparator<JsonNode> VALUES = (a, b) -> {
    if (a.equals(b)) {
      return 0;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    return 1;
  };

  private Trees() {}

  /** Whether a and b hold the same fields and values (null equals only null). */
  public static boolean same(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.equals(VALUES, b);
  }

  /**
   * A copy without null fields nor empty lists, as a Go struct has no other form of them: what
   * a client writes back from a typed object ({@code "creationTimestamp": null}) equals what it read.
   */
  public static JsonNode withoutNulls(JsonNode node) {
    if (node instanceof ObjectNode o) {
      ObjectNode copy = o.objectNode();
      o.properties().forEach(e -> {
        JsonNode v = e.getValue();
        if (!v.isNull() && !(v.isArray() && v.isEmpty())) {
          copy.set(e.getKey(), withoutNulls(v));
        }
      });
      return copy;
    }
    if (node instanceof ArrayNode a) {
      ArrayNode copy = a.arrayNode();
      a.forEach(e -> copy.add(withoutNulls(e)));
      return copy;
    }
    return node;
  }
}
