package io.logplane.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Builds {@code meta.k8s.io/v1 Table} objects, field for field as the kube-apiserver writes
 * them for {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}. Every cell is given,
 * the {@code -o wide} ones included (priority 1), as kube's server-side printing does.
 */
public final class Tables {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** ObjectMeta fields in Go struct order, the order kube serializes them in. */
  private static final List<String> META_ORDER = List.of("name", "generateName", "namespace", "selfLink", "uid",
      "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
      "labels", "annotations", "ownerReferences", "finalizers", "managedFields");

  private Tables() {}

  /** The printer of a built-in kind (by its {@code kind}); the Name / Created At table otherwise. */
  public static Printer printerFor(String kind) {
    return Printers.forKind(kind);
  }

  /**
   * The printer of a custom resource version from its CRD's {@code additionalPrinterColumns}
   * (name, type, format, description, priority, jsonPath); empty or null prints Name and Age.
   *
   * @throws TableException when a jsonPath uses syntax outside the supported subset
   */
  public static Printer forCustom(List<JsonNode> additionalPrinterColumns) {
    return new CustomPrinter(additionalPrinterColumns);
  }

  /** A list as a Table, for a built-in kind. See {@link #toTable(Printer, List, IncludeObject, String, String, Long, long)}. */
  public static ObjectNode toTable(String kind, List<JsonNode> objects, IncludeObject include,
      String resourceVersion, String continueToken, long nowMillis) {
    return toTable(printerFor(kind), objects, include, resourceVersion, continueToken, null, nowMillis);
  }

  /**
   * A list as a Table.
   *
   * @param printer            the kind's printer
   * @param objects            the items, in list order
   * @param include            what each row's {@code object} holds
   * @param resourceVersion    the list's resourceVersion, or null
   * @param continueToken      the continue token, or null/empty when the list is complete
   * @param remainingItemCount items left after this page, or null
   * @param nowMillis          the clock, for the Age cells
   */
  public static ObjectNode toTable(Printer printer, List<JsonNode> objects, IncludeObject include,
      String resourceVersion, String continueToken, Long remainingItemCount, long nowMillis) {
    ObjectNode table = header(resourceVersion, continueToken, remainingItemCount);
    table.set("columnDefinitions", columns(printer));
    ArrayNode rows = table.putArray("rows");
    for (JsonNode o : objects) {
      rows.add(row(printer, o, include, nowMillis));
    }
    return table;
  }

  /**
   * The one-row Table a watch event carries. kube sends the column definitions with the first
   * event of a watch only and {@code null} after it.
   *
   * @param withColumns true for the first event of the watch
   */
  public static ObjectNode watchTable(Printer printer, JsonNode object, IncludeObject include, boolean withColumns,
      long nowMillis) {
    ObjectNode table = header(object.path("metadata").path("resourceVersion").asText(""), null, null);
    table.set("columnDefinitions", withColumns ? columns(printer) : F.nullNode());
    table.putArray("rows").add(row(printer, object, include, nowMillis));
    return table;
  }

  /** The column definitions of a printer as JSON. */
  public static ArrayNode columns(Printer printer) {
    ArrayNode cols = F.arrayNode();
    printer.columns().forEach(c -> cols.add(c.toJson()));
    return cols;
  }

  /** One row: cells, conditions (when any), object. */
  public static ObjectNode row(Printer printer, JsonNode object, IncludeObject include, long nowMillis) {
    ObjectNode row = F.objectNode();
    ArrayNode cells = row.putArray("cells");
    for (Object cell : printer.cells(object, nowMillis)) {
      cells.add(cellJson(cell));
    }
    List<ObjectNode> conditions = printer.conditions(object);
    if (!conditions.isEmpty()) {
      row.putArray("conditions").addAll(conditions);
    }
    row.set("object", switch (include) {
      case NONE -> F.nullNode();
      case OBJECT -> object;
      case METADATA -> partialMetadata(object);
    });
    return row;
  }

  /** The object's metadata wrapped as a {@code meta.k8s.io/v1 PartialObjectMetadata}. */
  public static ObjectNode partialMetadata(JsonNode object) {
    ObjectNode p = F.objectNode();
    p.put("kind", "PartialObjectMetadata");
    p.put("apiVersion", "meta.k8s.io/v1");
    JsonNode meta = object.path("metadata");
    ObjectNode ordered = p.putObject("metadata");
    for (String field : META_ORDER) {
      if (meta.hasNonNull(field)) {
        ordered.set(field, meta.get(field));
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!ordered.has(e.getKey()) && !e.getValue().isNull()) {
        ordered.set(e.getKey(), e.getValue());
      }
    }
    return p;
  }

  private static ObjectNode header(String resourceVersion, String continueToken, Long remainingItemCount) {
    ObjectNode table = F.objectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode meta = table.putObject("metadata");
    if (resourceVersion != null && !resourceVersion.isEmpty()) {
      meta.put("resourceVersion", resourceVersion);
    }
    if (continueToken != null && !continueToken.isEmpty()) {
      meta.put("continue", continueToken);
    }
    if (remainingItemCount != null) {
      meta.put("remainingItemCount", remainingItemCount);
    }
    return table;
  }

  private static JsonNode cellJson(Object cell) {
    if (cell == null) {
      return F.nullNode();
    } else if (cell instanceof String s) {
      return F.textNode(s);
    } else if (cell instanceof Long l) {
      return F.numberNode(l);
    } else if (cell instanceof Integer i) {
      return F.numberNode(i.longValue());
    } else if (cell instanceof Double d) {
      return F.numberNode(d);
    } else if (cell instanceof Boolean b) {
      return F.booleanNode(b);
    }
    throw new IllegalStateException("a printer produced a cell of type " + cell.getClass().getName());
  }
}
