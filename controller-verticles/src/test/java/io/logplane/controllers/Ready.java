package io.logplane.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;

/** What a node agent writes of a pod that started: Running, Ready since now, on a node. */
public final class Ready {

  private Ready() {}

  public static ObjectNode mark(MemoryCluster cluster, Key pod) throws Exception {
    ObjectNode next = cluster.get(pod).deepCopy();
    ObjectNode spec = (ObjectNode) next.get("spec");
    if (spec.path("nodeName").asText("").isEmpty()) {
      spec.put("nodeName", "node-1");
      next = cluster.update(pod, next).get().deepCopy();
    }
    ObjectNode status = next.putObject("status");
    status.put("phase", "Running");
    status.putArray("conditions").addObject().put("type", "Ready").put("status", "True")
        .put("lastTransitionTime", Metadata.time(cluster.now().toEpochMilli()));
    return cluster.updateStatus(pod, next).get();
  }
}
