package io.logplane.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.table.Column;
import io.logplane.api.table.Printer;
import java.util.ArrayList;
import java.util.List;

/** The Table columns {@code kubectl get versions} and {@code kubectl get auditevents} show. */
public final class HistoryPrinters {

  private HistoryPrinters() {}

  /** Resource Version, Time, Actor, Verb, Type, Target, Change, Code; the item name with -o wide. */
  public static Printer versions() {
    return new Printer() {
      @Override
      public List<Column> columns() {
        return List.of(
            new Column("Resource Version", "string", "", "The log offset of the version or attempt.", 0),
            new Column("Time", "string", "", "When the request was made (RFC 3339).", 0),
            new Column("Actor", "string", "", "The user who made the request.", 0),
            new Column("Verb", "string", "", "The API verb of the request.", 0),
            new Column("Type", "string", "", "ADDED, MODIFIED, DELETED or REJECTED.", 0),
            new Column("Target", "string", "", "The object, as resource.group/name.", 0),
            new Column("Change", "string", "", "What changed from the previous version, or why it was refused.", 0),
            new Column("Code", "integer", "", "The HTTP status the request got.", 0),
            new Column("Name", "string", "name", "The name of this version item.", 1));
      }

      @Override
      public List<Object> cells(JsonNode v, long nowMillis) {
        JsonNode t = v.path("target");
        String group = t.path("group").asText();
        String target = t.path("resource").asText() + (group.isEmpty() ? "" : "." + group) + "/"
            + t.path("name").asText();
        List<Object> cells = new ArrayList<>();
        cells.add(v.path("resourceVersion").asText());
        cells.add(v.path("time").asText());
        cells.add(v.path("actor").asText());
        cells.add(v.path("verb").asText());
        cells.add(v.path("type").asText());
        cells.add(target);
        cells.add(v.path("summary").asText());
        cells.add(v.path("outcome").path("code").asLong());
        cells.add(v.path("metadata").path("name").asText());
        return cells;
      }
    };
  }

  /** Time, User, Verb, Resource, Namespace, Name, Code, Reason; the offset with -o wide. */
  public static Printer auditEvents() {
    return new Printer() {
      @Override
      public List<Column> columns() {
        return List.of(
            new Column("Time", "string", "", "When the request was made (RFC 3339).", 0),
            new Column("User", "string", "", "The user who made the request.", 0),
            new Column("Verb", "string", "", "The API verb of the request.", 0),
            new Column("Resource", "string", "", "The resource, as resource.group.", 0),
            new Column("Namespace", "string", "", "The object's namespace.", 0),
            new Column("Name", "string", "", "The object's name.", 0),
            new Column("Code", "integer", "", "The HTTP status the request got.", 0),
            new Column("Reason", "string", "", "Why the request was refused: the Status reason and message.", 0),
            new Column("Offset", "string", "name", "The log offset of the record.", 1));
      }

      @Override
      public List<Object> cells(JsonNode a, long nowMillis) {
        JsonNode ref = a.path("objectRef");
        String group = ref.path("group").asText();
        return List.of(a.path("time").asText(), a.path("user").asText(), a.path("verb").asText(),
            ref.path("resource").asText() + (group.isEmpty() ? "" : "." + group), ref.path("namespace").asText(),
            ref.path("name").asText(), a.path("outcome").path("code").asLong(),
            ChangeSummary.rejected(a.path("outcome").path("reason").asText(), a.path("outcome").path("message")
                .asText()), a.path("metadata").path("name").asText());
      }
    };
  }
}
