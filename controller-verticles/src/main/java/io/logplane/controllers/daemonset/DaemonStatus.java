package io.logplane.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.history.PodState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A DaemonSet's status counts as {@code updateDaemonSetStatus} makes them. Pure. */
final class DaemonStatus {

  private DaemonStatus() {}

  /** The counts (without observedGeneration and collisionCount) for these nodes and pods. */
  static ObjectNode counts(JsonNode ds, Map<String, ObjectNode> nodes, Map<String, List<ObjectNode>> byNode,
      String hash, Instant now) {
    int desired = 0;
    int current = 0;
    int misscheduled = 0;
    int ready = 0;
    int available = 0;
    int updated = 0;
    int minReady = ds.path("spec").path("minReadySeconds").asInt(0);
    for (Map.Entry<String, ObjectNode> e : nodes.entrySet()) {
      List<ObjectNode> pods = byNode.getOrDefault(e.getKey(), List.of());
      if (!NodeFit.of(ds, e.getValue()).shouldRun()) {
        misscheduled += pods.isEmpty() ? 0 : 1;
        continue;
      }
      desired++;
      if (pods.isEmpty()) {
        continue;
      }
      current++;
      JsonNode pod = pods.get(0);
      if (PodState.ready(pod)) {
        ready++;
        available += PodState.available(pod, minReady, now) ? 1 : 0;
      }
      updated += DaemonPods.updated(pod, hash, DaemonPods.generation(ds)) ? 1 : 0;
    }
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("currentNumberScheduled", current).put("numberMisscheduled", misscheduled)
        .put("desiredNumberScheduled", desired).put("numberReady", ready);
    s.put("updatedNumberScheduled", updated).put("numberAvailable", available);
    if (desired - available > 0) {
      s.put("numberUnavailable", desired - available);
    }
    return s;
  }

  /** The DaemonSet with the new status, or null when what it shows is what it holds already. */
  static ObjectNode next(JsonNode ds, ObjectNode counts, Integer collisions, boolean observe) {
    JsonNode old = ds.path("status");
    long generation = ds.path("metadata").path("generation").asLong(0);
    boolean same = old.path("observedGeneration").asLong(0) >= generation
        && (collisions == null || collisions == old.path("collisionCount").asInt(0));
    for (String f : new String[] {"currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled",
        "numberReady", "updatedNumberScheduled", "numberAvailable", "numberUnavailable"}) {
      same &= counts.path(f).asInt(0) == old.path(f).asInt(0);
    }
    if (same) {
      return null;
    }
    ObjectNode next = ds.deepCopy();
    ObjectNode status = old instanceof ObjectNode o ? o.deepCopy() : next.objectNode();
    status.remove("numberUnavailable");
    status.setAll(counts);
    if (observe) {
      status.put("observedGeneration", generation);
    }
    if (collisions != null && collisions > 0) {
      status.put("collisionCount", collisions);
    }
    next.set("status", status);
    return next;
  }
}
