package io.logplane.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** STUB until the table branch lands. */
public final class Tables {
  public static ObjectNode toTable(String kind, List<JsonNode> objects, String includeObject, String resourceVersion,
      String continueToken, long nowMillis) {
    throw new UnsupportedOperationException();
  }
}
