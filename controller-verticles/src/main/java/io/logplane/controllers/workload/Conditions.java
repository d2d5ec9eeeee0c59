package io.logplane.controllers.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * Status conditions as the workload controllers keep them ({@code SetDeploymentCondition},
 * {@code SetCondition} of the ReplicaSet): a condition with the status and reason already held
 * leaves the list as it is; a changed one moves to the end, keeping its transition time when
 * only the reason changed.
 */
public final class Conditions {

  private Conditions() {}

  /** A condition stamped at {@code time}; {@code withUpdateTime} adds lastUpdateTime, as Deployments carry. */
  public static ObjectNode of(String type, String status, String reason, String message, String time,
      boolean withUpdateTime) {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("type", type);
    c.put("status", status);
    if (withUpdateTime) {
      c.put("lastUpdateTime", time);
    }
    c.put("lastTransitionTime", time);
    c.put("reason", reason);
    c.put("message", message);
    return c;
  }

  /** The condition of that type in status, or null. */
  public static ObjectNode get(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals(type)) {
        return (ObjectNode) c;
      }
    }
    return null;
  }

  /** Sets a condition into status (changed in place). */
  public static void set(ObjectNode status, ObjectNode condition) {
    ObjectNode current = get(status, condition.path("type").asText());
    if (current != null && same(current, condition, "status") && same(current, condition, "reason")) {
      return;
    }
    if (current != null && same(current, condition, "status")) {
      condition.set("lastTransitionTime", current.get("lastTransitionTime"));
    }
    remove(status, condition.path("type").asText());
    JsonNode list = status.get("conditions");
    (list instanceof ArrayNode a ? a : status.putArray("conditions")).add(condition);
  }

  /** Removes the condition of that type, and the list when it is left empty. */
  public static void remove(ObjectNode status, String type) {
    if (status.get("conditions") instanceof ArrayNode list) {
      for (Iterator<JsonNode> it = list.iterator(); it.hasNext();) {
        if (it.next().path("type").asText().equals(type)) {
          it.remove();
        }
      }
      if (list.isEmpty()) {
        status.remove("conditions");
      }
    }
  }

  private static boolean same(JsonNode a, JsonNode b, String field) {
    return a.path(field).asText().equals(b.path(field).asText());
  }
}
