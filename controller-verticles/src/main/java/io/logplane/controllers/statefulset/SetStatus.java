package io.logplane.controllers.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.history.PodState;
import java.time.Instant;
import java.util.List;

/** A StatefulSet's status from its pods ({@code updateStatus} and {@code completeRollingUpdate}). Pure. */
final class SetStatus {

  private SetStatus() {}

  static ObjectNode of(JsonNode set, List<ObjectNode> pods, String current, String update, int collisions, Instant now) {
    int replicas = 0;
    int ready = 0;
    int available = 0;
    int currentReplicas = 0;
    int updated = 0;
    int minReady = set.path("spec").path("minReadySeconds").asInt(0);
    for (ObjectNode pod : pods) {
      if (!StatefulPods.created(pod)) {
        continue;
      }
      replicas++;
      if (StatefulPods.runningAndReady(pod)) {
        ready++;
        available += PodState.available(pod, minReady, now) ? 1 : 0;
      }
      if (!PodState.terminating(pod)) {
        currentReplicas += current.equals(StatefulPods.revision(pod)) ? 1 : 0;
        updated += update.equals(StatefulPods.revision(pod)) ? 1 : 0;
      }
    }
    int wanted = set.path("spec").path("replicas").asInt(1);
    String currentRevision = current;
    if ("RollingUpdate".equals(set.path("spec").path("updateStrategy").path("type").asText("RollingUpdate"))
        && updated == wanted && ready == wanted && replicas == wanted) {
      currentReplicas = updated;
      currentRevision = update;
    }
    ObjectNode status = set.path("status") instanceof ObjectNode s ? s.deepCopy() : ((ObjectNode) set).objectNode();
    status.put("observedGeneration", set.path("metadata").path("generation").asLong(0));
    status.put("replicas", replicas);
    putPositive(status, "readyReplicas", ready);
    putPositive(status, "currentReplicas", currentReplicas);
    putPositive(status, "updatedReplicas", updated);
    status.put("currentRevision", currentRevision).put("updateRevision", update).put("collisionCount", collisions);
    status.put("availableReplicas", available);
    return status;
  }

  /** Go's omitempty: a zero count is left out, as kube's API shows it. */
  private static void putPositive(ObjectNode status, String field, int value) {
    if (value > 0) {
      status.put(field, value);
    } else {
      status.remove(field);
    }
  }
}
