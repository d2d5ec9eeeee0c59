package io.logplane.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.history.PodState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One step of a DaemonSet's rolling update ({@code rollingUpdate} of kube's update.go): without
 * surge, old pods are deleted while at most maxUnavailable nodes lack an available pod; with
 * surge, a new pod starts beside the old one on at most maxSurge nodes and the old one goes once
 * the new one is available. Pure: it answers what to delete and where to create.
 */
final class RollingUpdate {

  record Step(List<JsonNode> delete, List<String> create) {}

  private RollingUpdate() {}

  static Step step(JsonNode ds, Map<String, ObjectNode> nodes, Map<String, List<ObjectNode>> byNode, String hash,
      Instant now) {
    int desired = 0;
    for (ObjectNode node : nodes.values()) {
      desired += NodeFit.of(ds, node).shouldRun() ? 1 : 0;
    }
    JsonNode rolling = ds.path("spec").path("updateStrategy").path("rollingUpdate");
    int surge = Scaled.value(rolling.get("maxSurge"), desired, 0);
    int unavailable = Scaled.value(rolling.get("maxUnavailable"), desired, 1);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    int minReady = ds.path("spec").path("minReadySeconds").asInt(0);
    String generation = DaemonPods.generation(ds);
    List<JsonNode> delete = new ArrayList<>();
    List<String> create = new ArrayList<>();
    int numUnavailable = 0;
    int numSurge = 0;
    int numAvailable = 0;
    List<JsonNode> candidates = new ArrayList<>();
    List<String> candidateNodes = new ArrayList<>();
    List<JsonNode> shouldNotRun = new ArrayList<>();
    for (Map.Entry<String, List<ObjectNode>> e : byNode.entrySet()) {
      JsonNode newPod = null;
      JsonNode oldPod = null;
      boolean ok = true;
      for (ObjectNode p : e.getValue()) {
        if (PodState.terminating(p)) {
          continue;
        }
        boolean updated = DaemonPods.updated(p, hash, generation);
        ok &= updated ? newPod == null : oldPod == null;
        if (updated) {
          newPod = p;
        } else {
          oldPod = p;
        }
      }
      ObjectNode node = nodes.get(e.getKey());
      boolean runs = node != null && NodeFit.of(ds, node).shouldRun();
      if (surge == 0) {
        if (!ok || oldPod == null || newPod != null) {
          numUnavailable += !ok || newPod == null || oldPod != null || !PodState.available(newPod, minReady, now) ? 1 : 0;
        } else if (!PodState.available(oldPod, minReady, now)) {
          delete.add(oldPod);
        } else if (numUnavailable < unavailable) {
          candidates.add(oldPod);
        }
        continue;
      }
      if (!ok) {
        numSurge++;
        continue;
      }
      JsonNode counted = oldPod != null ? oldPod : newPod;
      numAvailable += counted != null && PodState.available(counted, minReady, now) ? 1 : 0;
      if (oldPod == null) {
        continue;
      }
      if (newPod == null) {
        if (!runs) {
          (PodState.available(oldPod, minReady, now) ? shouldNotRun : delete).add(oldPod);
        } else if (!PodState.available(oldPod, minReady, now)) {
          create.add(e.getKey());
        } else if (numSurge < surge) {
          candidateNodes.add(e.getKey());
        }
      } else if (!PodState.available(newPod, minReady, now)) {
        numSurge++;
      } else {
        delete.add(oldPod);
      }
    }
    if (surge == 0) {
      int room = Math.min(Math.max(unavailable - numUnavailable, 0), candidates.size());
      delete.addAll(candidates.subList(0, room));
      return new Step(delete, create);
    }
    int deletable = Math.min(numAvailable - desired, shouldNotRun.size());
    if (deletable > 0) {
      delete.addAll(shouldNotRun.subList(0, deletable));
    }
    create.addAll(candidateNodes.subList(0, Math.min(Math.max(surge - numSurge, 0), candidateNodes.size())));
    return new Step(delete, create);
  }
}
