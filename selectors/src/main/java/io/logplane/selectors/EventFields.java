package io.logplane.selectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Function;

/**
 * Selectable fields of Events. The names are core/v1's; an events.k8s.io/v1 object keeps the
 * same facts under other names ({@code regarding}, {@code deprecatedSource}), read here too.
 */
final class EventFields {

  private static final String[] OBJECT_FIELDS =
      {"kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"};

  private EventFields() {}

  static void addTo(Map<String, Function<JsonNode, String>> m) {
    for (String f : OBJECT_FIELDS) {
      m.put("involvedObject." + f, o -> FieldLabels.text(involved(o), f));
    }
    m.put("reason", o -> FieldLabels.text(o, "reason"));
    m.put("reportingComponent", o -> FieldLabels.text(o, "reportingController"));
    m.put("source", EventFields::source);
    m.put("type", o -> FieldLabels.text(o, "type"));
  }

  private static JsonNode involved(JsonNode event) {
    return event.has("involvedObject") ? event.path("involvedObject") : event.path("regarding");
  }

  /** The source component, falling back to the reporting controller as kube does. */
  private static String source(JsonNode event) {
    JsonNode src = event.has("source") ? event.path("source") : event.path("deprecatedSource");
    String component = FieldLabels.text(src, "component");
    return component.isEmpty() ? FieldLabels.text(event, "reportingController") : component;
  }
}
