package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The PodScheduled=False condition kube-scheduler writes on a pod it could not place, with the
 * reason Unschedulable and the message of its FailedScheduling Event, so `kubectl describe pod`
 * and `kubectl wait` see it. Pure: the pod and the time in, the pod to write out.
 */
public final class Unschedulable {

  private Unschedulable() {}

  /** The pod with the condition set, or null when it says so already (nothing to write). */
  public static ObjectNode marked(JsonNode pod, String message, String now) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if ("PodScheduled".equals(c.path("type").asText()) && "False".equals(c.path("status").asText())
          && "Unschedulable".equals(c.path("reason").asText()) && message.equals(c.path("message").asText())) {
        return null;
      }
    }
    ObjectNode next = pod.deepCopy();
    ObjectNode status = next.get("status") instanceof ObjectNode s ? s : next.putObject("status");
    ArrayNode conditions = status.withArray("conditions");
    ObjectNode condition = null;
    for (JsonNode c : conditions) {
      if ("PodScheduled".equals(c.path("type").asText())) {
        condition = (ObjectNode) c;
      }
    }
    if (condition == null) {
      condition = conditions.addObject().put("type", "PodScheduled");
    }
    if (!"False".equals(condition.path("status").asText())) {
      condition.put("lastTransitionTime", now);
    }
    condition.putNull("lastProbeTime");
    condition.put("status", "False").put("reason", "Unschedulable").put("message", message);
    return next;
  }
}
