package io.logplane.selectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Selectable fields of Events, read from the stored core/v1 Event. core/v1 selects them by
 * their own names; events.k8s.io/v1, a view of the same objects, by its names, each mapped to
 * one of core's as kube's {@code AddFieldLabelConversionsForEvent} maps them.
 */
final class EventFields {

  private static final String[] OBJECT_FIELDS =
      {"kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"};

  private EventFields() {}

  static void addTo(Map<String, Function<JsonNode, String>> m) {
    for (String f : OBJECT_FIELDS) {
      m.put("involvedObject." + f, o -> FieldLabels.text(o, "involvedObject", f));
    }
    m.put("reason", o -> FieldLabels.text(o, "reason"));
    m.put("reportingComponent", o -> FieldLabels.text(o, "reportingComponent"));
    m.put("source", EventFields::source);
    m.put("type", o -> FieldLabels.text(o, "type"));
  }

  /** The fields events.k8s.io/v1 selects by, each reading the core/v1 field it maps to. */
  static Map<String, Function<JsonNode, String>> eventsV1() {
    Map<String, Function<JsonNode, String>> core = new LinkedHashMap<>();
    core.put("metadata.name", o -> FieldLabels.text(o, "metadata", "name"));
    core.put("metadata.namespace", o -> FieldLabels.text(o, "metadata", "namespace"));
    addTo(core);
    Map<String, Function<JsonNode, String>> m = new LinkedHashMap<>();
    m.put("metadata.name", core.get("metadata.name"));
    m.put("metadata.namespace", core.get("metadata.namespace"));
    m.put("reason", core.get("reason"));
    for (String f : OBJECT_FIELDS) {
      m.put("regarding." + f, core.get("involvedObject." + f));
    }
    m.put("reportingController", core.get("reportingComponent"));
    m.put("type", core.get("type"));
    return m;
  }

  /** The source component, falling back to the reporting component as kube's ToSelectableFields. */
  private static String source(JsonNode event) {
    String component = FieldLabels.text(event, "source", "component");
    return component.isEmpty() ? FieldLabels.text(event, "reportingComponent") : component;
  }
}
