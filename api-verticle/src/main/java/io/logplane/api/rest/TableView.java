package io.logplane.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.ApiContext;
import io.logplane.api.http.ApiException;
import io.logplane.api.table.IncludeObject;
import io.logplane.api.table.Printer;
import io.logplane.api.table.TableException;
import io.logplane.api.table.Tables;
import java.util.List;

/** Table output of a call: the printer of its kind (a CRD's printer columns for custom ones). */
final class TableView {

  private final Printer printer;
  private final IncludeObject include;

  TableView(ApiContext api, Call call) {
    this.printer = call.type().modelClass() == null
        ? Tables.forCustom(api.registry().printerColumns(call.type()))
        : Tables.printerFor(call.type().kind());
    try {
      this.include = IncludeObject.parse(call.param("includeObject"));
    } catch (TableException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  ObjectNode list(List<JsonNode> objects, String resourceVersion, String continueToken) {
    return Tables.toTable(printer, rowOrder(objects), include, resourceVersion, continueToken, null,
        System.currentTimeMillis());
  }

  /** Rows in the list's order, but FlowSchemas', which kube prints in the order they match: by precedence, then name. */
  private static List<JsonNode> rowOrder(List<JsonNode> objects) {
    if (objects.isEmpty() || !objects.get(0).path("kind").asText().equals("FlowSchema")) {
      return objects;
    }
    return objects.stream().sorted(java.util.Comparator
        .comparingLong((JsonNode o) -> o.path("spec").path("matchingPrecedence").asLong())
        .thenComparing(o -> o.path("metadata").path("name").asText())).toList();
  }

  ObjectNode watchEvent(JsonNode object, boolean withColumns) {
    return Tables.watchTable(printer, object, include, withColumns, System.currentTimeMillis());
  }
}
