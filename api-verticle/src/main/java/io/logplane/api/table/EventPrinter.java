package io.logplane.api.table;

import static io.logplane.api.table.Cells.at;
import static io.logplane.api.table.Cells.str;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Events as {@code kubectl get events} shows them. Reads core/v1 events and events.k8s.io/v1
 * ones alike: the latter keep the same facts under other names ({@code regarding}, {@code note},
 * {@code deprecated*}).
 */
final class EventPrinter implements Printer {

  private static final List<Column> COLUMNS = List.of(
      Column.doc("Last Seen", "string", "core/v1.Event.lastTimestamp"),
      Column.doc("Type", "string", "core/v1.Event.type"),
      Column.doc("Reason", "string", "core/v1.Event.reason"),
      Column.doc("Object", "string", "core/v1.Event.involvedObject"),
      Column.doc("Subobject", "string", "core/v1.ObjectReference.fieldPath").wide(),
      Column.doc("Source", "string", "core/v1.Event.source").wide(),
      Column.doc("Message", "string", "core/v1.Event.message"),
      Column.doc("First Seen", "string", "core/v1.Event.firstTimestamp").wide(),
      Column.doc("Count", "string", "core/v1.Event.count").wide(),
      new Column("Name", "string", "name", Column.NAME_DOC, 1));

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(JsonNode e, long now) {
    boolean v1 = !e.has("regarding") && !e.has("note");
    JsonNode involved = e.path(v1 ? "involvedObject" : "regarding");
    String first = pick(e, v1, "firstTimestamp");
    String firstSeen = first.isEmpty()
        ? Durations.since(str(e, "eventTime"), now) : Durations.since(first, now);
    String last = pick(e, v1, "lastTimestamp");
    String lastSeen = last.isEmpty() ? firstSeen : Durations.since(last, now);
    long count = at(e, v1 ? "count" : "deprecatedCount").asLong(0);
    JsonNode series = e.path("series");
    if (series.isObject()) {
      lastSeen = Durations.since(str(series, "lastObservedTime"), now);
      count = series.path("count").asLong(0);
    } else if (count == 0) {
      count = 1; // singleton events of the new API carry no count
    }
    String kind = str(involved, "kind").toLowerCase();
    String target = str(involved, "name").isEmpty() ? kind : kind + "/" + str(involved, "name");
    JsonNode source = e.path(v1 ? "source" : "deprecatedSource");
    String component = firstNonEmpty(str(source, "component"), str(e, "reportingController"));
    String instance = firstNonEmpty(str(source, "host"), str(e, "reportingInstance"));
    return List.of(lastSeen, str(e, "type"), str(e, "reason"), target, str(involved, "fieldPath"),
        instance.isEmpty() ? component : component + ", " + instance,
        str(e, v1 ? "message" : "note").strip(), firstSeen, count, Cells.name(e));
  }

  private static String pick(JsonNode e, boolean v1, String field) {
    return v1 ? str(e, field) : str(e, "deprecated" + Character.toUpperCase(field.charAt(0)) + field.substring(1));
  }

  private static String firstNonEmpty(String a, String b) {
    return a.isEmpty() ? b : a;
  }
}
