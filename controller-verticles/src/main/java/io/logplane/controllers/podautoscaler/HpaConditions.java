package io.logplane.controllers.podautoscaler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An HPA's conditions as kube's {@code setConditionInList} keeps them: a condition keeps its place
 * and its transition time while its status holds; reason and message are always the latest.
 */
final class HpaConditions {

  static final String ABLE_TO_SCALE = "AbleToScale";
  static final String SCALING_ACTIVE = "ScalingActive";
  static final String SCALING_LIMITED = "ScalingLimited";

  private HpaConditions() {}

  static void set(ObjectNode status, String type, String state, String reason, String message, String now) {
    ArrayNode list = status.get("conditions") instanceof ArrayNode a ? a : status.putArray("conditions");
    ObjectNode found = null;
    for (JsonNode c : list) {
      if (c.path("type").asText().equals(type)) {
        found = (ObjectNode) c;
      }
    }
    if (found == null) {
      found = list.addObject().put("type", type);
    }
    if (!state.equals(found.path("status").asText()) || !found.has("lastTransitionTime")) {
      found.put("lastTransitionTime", now);
    }
    found.put("status", state);
    found.put("reason", reason);
    found.put("message", message);
    ObjectNode ordered = found.objectNode();
    for (String f : new String[] {"type", "status", "lastTransitionTime", "reason", "message"}) {
      ordered.set(f, found.get(f));
    }
    found.removeAll();
    found.setAll(ordered);
  }

  static void set(ObjectNode status, String type, Normalizer.Condition c, String now) {
    set(status, type, c.status(), c.reason(), c.message(), now);
  }
}
