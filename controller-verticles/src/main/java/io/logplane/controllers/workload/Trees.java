package io.logplane.controllers.workload;

import com.fasterxml.jackson.databind.JsonNode;
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
}
