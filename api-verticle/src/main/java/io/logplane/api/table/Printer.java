package io.logplane.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Prints objects of one kind as table rows. Cells are Java values that map to JSON: String,
 * Long, Double, Boolean, or null. Implementations are pure and thread-safe.
 */
public interface Printer {

  /** The column definitions, in cell order. */
  List<Column> columns();

  /** The cells of one object's row, one per column (the wide ones included, as kube does). */
  List<Object> cells(JsonNode object, long nowMillis);

  /** Row conditions ({@code Completed} for finished pods); empty for most kinds. */
  default List<ObjectNode> conditions(JsonNode object) {
    return List.of();
  }
}
