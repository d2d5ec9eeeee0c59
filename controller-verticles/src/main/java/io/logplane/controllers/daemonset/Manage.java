package io.logplane.controllers.daemonset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.history.PodState;
import io.logplane.controllers.history.Revisions;
import io.logplane.projections.Metadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pods each node should have ({@code manage} and {@code podsShouldBeOnNode}): one made where
 * the template fits and none is, failed and succeeded ones deleted, extra ones deleted (but the
 * new one of a surge beside the old one), all deleted where the pod may not stay, and pods not yet
 * bound whose node is gone.
 */
final class Manage {

  private Manage() {}

  static boolean run(ObjectNode ds, Map<String, ObjectNode> nodes, Map<String, List<ObjectNode>> byNode, String hash,
      DaemonSetController c) {
    List<String> create = new ArrayList<>();
    List<JsonNode> delete = new ArrayList<>();
    JsonNode rolling = ds.path("spec").path("updateStrategy");
    boolean surge = "RollingUpdate".equals(rolling.path("type").asText("RollingUpdate"))
        && Scaled.value(rolling.path("rollingUpdate").get("maxSurge"), 1, 0) > 0;
    for (Map.Entry<String, ObjectNode> e : nodes.entrySet()) {
      NodeFit.Verdict v = NodeFit.of(ds, e.getValue());
      List<ObjectNode> there = byNode.getOrDefault(e.getKey(), List.of());
      if (v.shouldRun() && there.isEmpty()) {
        create.add(e.getKey());
      } else if (v.shouldContinueRunning()) {
        List<JsonNode> running = new ArrayList<>();
        for (ObjectNode p : there) {
          String phase = PodState.phase(p);
          if (PodState.terminating(p)) {
            continue;
          } else if (phase.equals("Failed") || phase.equals("Succeeded")) {
            c.warning(ds, phase.equals("Failed") ? "FailedDaemonPod" : "SucceededDaemonPod", "Found " + phase.toLowerCase()
                + " daemon pod " + Metadata.text(p, "namespace") + "/" + Metadata.text(p, "name") + " on node "
                + e.getKey() + ", will try to " + (phase.equals("Failed") ? "kill" : "delete") + " it");
            delete.add(p);
          } else {
            running.add(p);
          }
        }
        if (!surge) {
          delete.addAll(running.subList(Math.min(1, running.size()), running.size()));
        } else if (running.isEmpty() && v.shouldRun()) {
          create.add(e.getKey());
        } else {
          keepOldestOfEach(running, hash, delete);
        }
      } else {
        there.stream().filter(p -> !PodState.terminating(p)).forEach(delete::add);
      }
    }
    byNode.forEach((node, pods) -> {
      if (!nodes.containsKey(node)) {
        pods.stream().filter(p -> p.path("spec").path("nodeName").asText("").isEmpty()).forEach(delete::add);
      }
    });
    return c.sync(ds, delete, create, hash);
  }

  /**
   * With surge: the oldest new and the oldest old pod stay, all others go; the old one goes too
   * once it is not ready beside a new one (the rolling step deletes it when the new one is available).
   */
  private static void keepOldestOfEach(List<JsonNode> running, String hash, List<JsonNode> delete) {
    JsonNode newest = null;
    JsonNode oldest = null;
    for (JsonNode p : running) {
      boolean isNew = hash.equals(p.path("metadata").path("labels").path(Revisions.REVISION_LABEL).asText());
      if (isNew && newest == null) {
        newest = p;
      } else if (!isNew && oldest == null) {
        oldest = p;
      } else {
        delete.add(p);
      }
    }
    if (newest != null && oldest != null && !PodState.ready(oldest)) {
      delete.add(oldest);
    }
  }
}
