package io.logplane.api.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.resources.ResourceType;
import io.logplane.projections.Json;
import io.logplane.projections.Store;
import io.logplane.selectors.FieldSelector;
import io.logplane.selectors.LabelSelector;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports as metrics-server serves them: only for nodes and pods that exist (a report outliving
 * its object is not served), selected by the object's labels and fields, with the object's labels
 * and a creationTimestamp of the moment of serving, as metrics-server's objects have.
 */
final class MetricsView {

  private MetricsView() {}

  /** The served reports among {@code reports}: those whose object exists and matches both selectors. */
  static List<ObjectNode> served(ResourceType type, List<ObjectNode> reports, Store store, LabelSelector labels,
      FieldSelector fields, Instant now) {
    List<ObjectNode> served = new ArrayList<>();
    try (Store.Snapshot snapshot = store.snapshot()) {
      for (ObjectNode report : reports) {
        String name = report.path("metadata").path("name").asText();
        String namespace = report.path("metadata").path("namespace").asText("");
        byte[] json = snapshot.get(type == MetricsTypes.NODES ? "core/nodes//" + name
            : "core/pods/" + namespace + "/" + name);
        if (json == null) {
          continue;
        }
        ObjectNode object = Json.object(json);
        if (!labels.matches(object.path("metadata").path("labels")) || !fields.matches(object)) {
          continue;
        }
        ObjectNode meta = (ObjectNode) report.get("metadata");
        meta.put("creationTimestamp", now.truncatedTo(ChronoUnit.SECONDS).toString());
        if (object.path("metadata").has("labels")) {
          meta.set("labels", object.path("metadata").get("labels"));
        }
        served.add(report);
      }
    }
    return served;
  }

  /** A {@code NodeMetricsList} or {@code PodMetricsList}. */
  static ObjectNode list(ResourceType type, List<ObjectNode> items) {
    ObjectNode list = Json.MAPPER.createObjectNode().put("kind", type.kind() + "List")
        .put("apiVersion", MetricsTypes.API_VERSION);
    list.putObject("metadata");
    list.putArray("items").addAll(items);
    return list;
  }
}
