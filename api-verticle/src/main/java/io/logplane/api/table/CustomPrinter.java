package io.logplane.api.table;

import static io.logplane.api.table.Cells.str;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Custom resources printed by their CRD version's {@code additionalPrinterColumns}, as the
 * apiextensions-apiserver does: a Name column, then one column per definition, each evaluated
 * as a JSONPath and typed by the column's type. No definitions means one Age column.
 */
final class CustomPrinter implements Printer {

  private final List<Column> columns = new ArrayList<>();
  private final List<JsonPath> paths = new ArrayList<>();

  /**
   * @param definitions the {@code additionalPrinterColumns} entries (name, type, format,
   *                    description, priority, jsonPath)
   * @throws TableException when a jsonPath is outside the supported subset
   */
  CustomPrinter(List<JsonNode> definitions) {
    columns.add(Column.nameColumn());
    if (definitions == null || definitions.isEmpty()) {
      columns.add(new Column("Age", "date", "", Column.AGE_DOC, 0));
      paths.add(JsonPath.compile(".metadata.creationTimestamp"));
      return;
    }
    for (JsonNode d : definitions) {
      String jsonPath = str(d, "jsonPath");
      try {
        paths.add(JsonPath.compile(jsonPath));
      } catch (IllegalArgumentException e) {
        throw new TableException(500, "unrecognized column definition \"" + jsonPath + "\"");
      }
      String description = str(d, "description");
      if (description.isEmpty()) {
        description = "Custom resource definition column (in JSONPath format): " + jsonPath;
      }
      columns.add(new Column(str(d, "name"), str(d, "type"), str(d, "format"), description,
          d.path("priority").asInt(0)));
    }
  }

  @Override
  public List<Column> columns() {
    return List.copyOf(columns);
  }

  @Override
  public List<Object> cells(JsonNode object, long nowMillis) {
    List<Object> cells = new ArrayList<>();
    cells.add(Cells.name(object));
    for (int i = 0; i < paths.size(); i++) {
      List<JsonNode> found = paths.get(i).find(object);
      // only simple paths are supported, so the first result is the value
      cells.add(found.isEmpty() ? null : cell(columns.get(i + 1).type(), found.get(0), nowMillis));
    }
    return cells;
  }

  /** kube's cellForJSONValue: a value of the wrong type for its column prints as null. */
  private static Object cell(String type, JsonNode v, long now) {
    switch (type) {
      case "string":
        return text(v);
      case "integer":
        return v.isNumber() ? v.asLong() : null;
      case "number":
        return v.isNumber() ? v.asDouble() : null;
      case "boolean":
        return v.isBoolean() ? v.asBoolean() : null;
      case "date":
        if (!v.isTextual()) {
          return null;
        }
        Long t = Durations.parse(v.asText());
        return t == null ? "<invalid>" : Durations.human(now - t);
      default:
        return null;
    }
  }

  /** How kube's JSONPath prints a value into a string column. */
  private static String text(JsonNode v) {
    if (v.isFloatingPointNumber()) {
      double d = v.asDouble();
      return d == Math.rint(d) && Math.abs(d) < 1e21 ? String.valueOf((long) d) : String.valueOf(d);
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }
}
