package io.logplane.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A printer given as its columns and a cell function; what most kinds need. */
record SimplePrinter(List<Column> columns, CellFunction cellFunction) implements Printer {

  /** Computes one object's cells at a given time. */
  @FunctionalInterface
  interface CellFunction {
    List<Object> cells(JsonNode object, long nowMillis);
  }

  SimplePrinter {
    columns = List.copyOf(columns);
  }

  @Override
  public List<Object> cells(JsonNode object, long nowMillis) {
    return cellFunction.cells(object, nowMillis);
  }
}
