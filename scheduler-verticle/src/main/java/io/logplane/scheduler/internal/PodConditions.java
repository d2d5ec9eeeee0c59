package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Sets a condition in a pod's status as podutil.UpdatePodCondition does: the transition time
 * kept while the status stays the same, nothing written when nothing but the probe time would
 * change. Pure: the status in, the status to write out.
 */
public final class PodConditions {

  private PodConditions() {}

  /**
   * The status with the condition set, or null when it holds it already (nothing to write).
   *
   * @param now the time to write as lastTransitionTime when the status changes
   */
  public static ObjectNode set(JsonNode status, String type, String value, String reason, String message, String now) {
    ObjectNode next = status instanceof ObjectNode o ? o.deepCopy() : JsonNodeFactory.instance.objectNode();
    ArrayNode conditions = next.get("conditions") instanceof ArrayNode a ? a : next.putArray("conditions");
    ObjectNode condition = conditions.objectNode().put("type", type).put("status", value);
    condition.putNull("lastProbeTime");
    condition.put("lastTransitionTime", now);
    if (reason != null) {
      condition.put("reason", reason);
    }
    if (message != null) {
      condition.put("message", message);
    }
    for (int i = 0; i < conditions.size(); i++) {
      JsonNode old = conditions.get(i);
      if (!type.equals(old.path("type").asText())) {
        continue;
      }
      if (value.equals(old.path("status").asText()) && old.hasNonNull("lastTransitionTime")) {
        if (Objects.equals(reason, text(old, "reason")) && Objects.equals(message, text(old, "message"))) {
          return null;
        }
        condition.set("lastTransitionTime", old.get("lastTransitionTime"));
      }
      conditions.set(i, condition);
      return next;
    }
    conditions.add(condition);
    return next;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
