package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The LimitRanger's defaulting: mergePodResourceRequirements of one LimitRange into a pod. */
final class ContainerDefaults {

  private ContainerDefaults() {}

  static void apply(ObjectNode range, ObjectNode pod) {
    Map<String, JsonNode> requests = new TreeMap<>();
    Map<String, JsonNode> limits = new TreeMap<>();
    for (JsonNode limit : range.path("spec").path("limits")) {
      if (limit.path("type").asText().equals("Container")) {
        limit.path("defaultRequest").fields().forEachRemaining(e -> requests.put(e.getKey(), e.getValue()));
        limit.path("default").fields().forEachRemaining(e -> limits.put(e.getKey(), e.getValue()));
      }
    }
    if (requests.isEmpty() && limits.isEmpty() || !(pod.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    List<String> notes = new ArrayList<>();
    merge(spec.path("containers"), "container", requests, limits, notes);
    merge(spec.path("initContainers"), "init container", requests, limits, notes);
    if (!notes.isEmpty()) {
      ObjectNode meta = Metadata.of(pod);
      ObjectNode annotations = meta.get("annotations") instanceof ObjectNode a ? a : meta.putObject("annotations");
      annotations.put(LimitRanges.ANNOTATION, "LimitRanger plugin set: " + String.join("; ", notes));
    }
  }

  private static void merge(JsonNode containers, String what, Map<String, JsonNode> requests,
      Map<String, JsonNode> limits, List<String> notes) {
    for (JsonNode c : containers) {
      if (!(c instanceof ObjectNode container)) {
        continue;
      }
      ObjectNode res = container.get("resources") instanceof ObjectNode r ? r : container.putObject("resources");
      List<String> setRequests = fill(res, "requests", requests);
      List<String> setLimits = fill(res, "limits", limits);
      String name = container.path("name").asText();
      if (!setRequests.isEmpty()) {
        notes.add(String.join(", ", setRequests) + " request for " + what + " " + name);
      }
      if (!setLimits.isEmpty()) {
        notes.add(String.join(", ", setLimits) + " limit for " + what + " " + name);
      }
    }
  }

  private static List<String> fill(ObjectNode res, String field, Map<String, JsonNode> defaults) {
    List<String> set = new ArrayList<>();
    if (defaults.isEmpty()) {
      return set;
    }
    ObjectNode list = res.get(field) instanceof ObjectNode l ? l : res.putObject(field);
    defaults.forEach((r, v) -> {
      if (!list.has(r)) {
        list.set(r, v.deepCopy());
        set.add(r);
      }
    });
    return set;
  }
}
