package io.logplane.controllers.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.history.PodState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One pass of {@code updateStatefulSet}: the pods of the ordinal range made (or remade when they
 * failed or ended), condemned pods above the range deleted from the highest ordinal, then a
 * rolling update deleting the highest pod of an old revision at or above the partition. With
 * OrderedReady the pass stops at the first pod that is not yet Running and Ready.
 */
final class SetUpdate {

  /** What the pass writes through. */
  interface Pods {
    void create(JsonNode set, ObjectNode pod);

    void delete(JsonNode set, JsonNode pod);

    void fixIdentity(JsonNode set, JsonNode pod);
  }

  private SetUpdate() {}

  /** @param current the set with the current revision's template; update, with the update revision's */
  static void run(JsonNode set, JsonNode current, JsonNode update, String currentRevision, String updateRevision,
      int currentReplicas, List<ObjectNode> pods, Pods writes) {
    int start = set.path("spec").path("ordinals").path("start").asInt(0);
    int replicaCount = set.path("spec").path("replicas").asInt(1);
    JsonNode[] replicas = new JsonNode[replicaCount];
    List<JsonNode> condemned = new ArrayList<>();
    for (ObjectNode pod : pods) {
      int o = StatefulPods.ordinal(set, pod);
      if (o >= start && o < start + replicaCount) {
        replicas[o - start] = pod;
      } else if (o >= 0) {
        condemned.add(pod);
      }
    }
    JsonNode strategy = set.path("spec").path("updateStrategy");
    int partition = strategy.path("rollingUpdate").path("partition").asInt(0);
    boolean rolling = "RollingUpdate".equals(strategy.path("type").asText("RollingUpdate"));
    for (int i = 0; i < replicaCount; i++) {
      if (replicas[i] == null) {
        // newVersionedStatefulSetPod: below the partition a pod is made of the current revision
        boolean old = rolling && (strategy.has("rollingUpdate") ? i < partition : i < currentReplicas);
        replicas[i] = StatefulPods.newPod(old ? current : update, start + i, old ? currentRevision : updateRevision);
      }
    }
    condemned.sort(Comparator.comparingInt((JsonNode p) -> StatefulPods.ordinal(set, p)).reversed());
    JsonNode firstUnhealthy = null;
    for (JsonNode p : replicas) {
      firstUnhealthy = firstUnhealthy == null && !StatefulPods.healthy(p) ? p : firstUnhealthy;
    }
    for (int i = condemned.size() - 1; i >= 0 && firstUnhealthy == null; i--) {
      firstUnhealthy = !StatefulPods.healthy(condemned.get(i)) ? condemned.get(i) : null;
    }
    boolean monotonic = !"Parallel".equals(set.path("spec").path("podManagementPolicy").asText());
    for (int i = 0; i < replicaCount; i++) {
      JsonNode pod = replicas[i];
      String phase = PodState.phase(pod);
      if (StatefulPods.created(pod) && (phase.equals("Failed") || phase.equals("Succeeded"))) {
        writes.delete(set, pod);
        replicas[i] = null;
        return; // kube makes it again at once; here the next pass does, once the delete is seen
      }
      if (!StatefulPods.created(pod)) {
        writes.create(set, (ObjectNode) pod);
        if (monotonic) {
          return;
        }
        continue;
      }
      if (monotonic && (PodState.terminating(pod) || !StatefulPods.runningAndReady(pod))) {
        return;
      }
      if (!StatefulPods.identityMatches(set, pod)) {
        writes.fixIdentity(set, pod);
      }
    }
    for (JsonNode pod : condemned) {
      if (PodState.terminating(pod)) {
        if (monotonic) {
          return;
        }
        continue;
      }
      if (monotonic && !StatefulPods.runningAndReady(pod) && pod != firstUnhealthy) {
        return;
      }
      writes.delete(set, pod);
      if (monotonic) {
        return;
      }
    }
    if (!rolling) {
      return;
    }
    for (int target = replicaCount - 1; target >= partition; target--) {
      JsonNode pod = replicas[target];
      if (!updateRevision.equals(StatefulPods.revision(pod)) && !PodState.terminating(pod)) {
        writes.delete(set, pod);
        return;
      }
      if (!StatefulPods.healthy(pod)) {
        return;
      }
    }
  }
}
