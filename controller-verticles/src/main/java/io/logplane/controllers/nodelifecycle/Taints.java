package io.logplane.controllers.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.OptionalLong;

/** Node taints and pod tolerations, as the taint manager reads them. Pure. */
final class Taints {

  static final String UNREACHABLE = "node.kubernetes.io/unreachable";
  static final String NOT_READY = "node.kubernetes.io/not-ready";

  private Taints() {}

  /** Whether the node carries the taint (key and effect). */
  static boolean has(JsonNode node, String key, String effect) {
    for (JsonNode t : node.path("spec").path("taints")) {
      if (key.equals(t.path("key").asText()) && effect.equals(t.path("effect").asText())) {
        return true;
      }
    }
    return false;
  }

  /** Sets the node's lifecycle taints (in place): exactly those of {@code key}, or none when key is null. */
  static void setLifecycle(ObjectNode node, String key, Instant now) {
    ObjectNode spec = node.get("spec") instanceof ObjectNode s ? s : node.putObject("spec");
    ArrayNode next = spec.arrayNode();
    for (JsonNode t : spec.path("taints")) {
      String k = t.path("key").asText();
      if (!k.equals(UNREACHABLE) && !k.equals(NOT_READY)) {
        next.add(t);
      }
    }
    if (key != null) {
      next.addObject().put("key", key).put("effect", "NoSchedule");
      next.addObject().put("key", key).put("effect", "NoExecute").put("timeAdded", io.logplane.projections.Metadata.time(now.toEpochMilli()));
    }
    if (next.isEmpty()) {
      spec.remove("taints");
    } else {
      spec.set("taints", next);
    }
  }

  /**
   * How long the pod may stay on a node with these NoExecute taints, in seconds since each was
   * added: empty when it tolerates them all for ever, 0 when one is not tolerated at all.
   */
  static OptionalLong toleratedSeconds(JsonNode pod, JsonNode taint) {
    long best = -1;
    for (JsonNode t : pod.path("spec").path("tolerations")) {
      if (!tolerates(t, taint)) {
        continue;
      }
      if (!t.has("tolerationSeconds")) {
        return OptionalLong.empty();
      }
      best = Math.max(best, Math.max(0, t.path("tolerationSeconds").asLong()));
    }
    return OptionalLong.of(Math.max(best, 0));
  }

  private static boolean tolerates(JsonNode toleration, JsonNode taint) {
    String effect = toleration.path("effect").asText("");
    if (!effect.isEmpty() && !effect.equals(taint.path("effect").asText())) {
      return false;
    }
    String key = toleration.path("key").asText("");
    if (toleration.path("operator").asText("Equal").equals("Exists")) {
      return key.isEmpty() || key.equals(taint.path("key").asText());
    }
    return key.equals(taint.path("key").asText())
        && toleration.path("value").asText("").equals(taint.path("value").asText(""));
  }
}
