package io.logplane.controllers.disruption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The status of one budget from what the controller counted, as kube's updatePdbStatus writes it. */
final class Budget {

  private Budget() {}

  static ObjectNode status(ObjectNode budget, List<ObjectNode> pods, Scales scales, int healthy,
      ObjectNode disrupted, String now) {
    JsonNode spec = budget.path("spec");
    JsonNode minAvailable = spec.get("minAvailable");
    JsonNode maxUnavailable = spec.get("maxUnavailable");
    long expected = 0;
    long desired = 0;
    String failure = null;
    if (maxUnavailable != null && !maxUnavailable.isNull()) {
      Long scale = scales.total(pods);
      if (scale == null) {
        failure = "found no controllers for pods";
      } else {
        expected = scale;
        desired = Math.max(0, expected - scaled(maxUnavailable, expected));
      }
    } else if (minAvailable != null && !minAvailable.isNull()) {
      if (minAvailable.isNumber()) {
        expected = pods.size();
        desired = minAvailable.asLong();
      } else {
        Long scale = scales.total(pods);
        if (scale == null) {
          failure = "found no controllers for pods";
        } else {
          expected = scale;
          desired = scaled(minAvailable, expected);
        }
      }
    }
    long allowed = failure != null || expected <= 0 ? 0 : Math.max(0, healthy - desired);
    ObjectNode status = budget.objectNode();
    if (!disrupted.isEmpty()) {
      status.set("disruptedPods", disrupted);
    }
    status.put("disruptionsAllowed", allowed);
    status.put("currentHealthy", failure != null ? 0 : healthy);
    status.put("desiredHealthy", desired);
    status.put("expectedPods", expected);
    ArrayNode conditions = status.putArray("conditions");
    ObjectNode c = conditions.addObject().put("type", "DisruptionAllowed");
    String reason = failure != null ? "SyncFailed" : allowed > 0 ? "SufficientPods" : "InsufficientPods";
    c.put("status", allowed > 0 ? "True" : "False").put("reason", reason).put("message", failure == null ? "" : failure);
    c.put("observedGeneration", budget.path("metadata").path("generation").asLong(0));
    c.put("lastTransitionTime", now);
    for (JsonNode old : budget.path("status").path("conditions")) {
      if (old.path("type").asText().equals("DisruptionAllowed") && old.path("status").equals(c.get("status"))
          && old.has("lastTransitionTime")) {
        c.set("lastTransitionTime", old.get("lastTransitionTime"));
      }
    }
    status.put("observedGeneration", budget.path("metadata").path("generation").asLong(0));
    return status;
  }

  /** An int-or-percent of a total, percents rounded up as GetScaledValueFromIntOrPercent(..., true). */
  static long scaled(JsonNode v, long total) {
    if (v.isNumber()) {
      return v.asLong();
    }
    String s = v.asText();
    if (s.endsWith("%")) {
      long pct = Long.parseLong(s.substring(0, s.length() - 1));
      return (pct * total + 99) / 100;
    }
    return Long.parseLong(s);
  }
}
