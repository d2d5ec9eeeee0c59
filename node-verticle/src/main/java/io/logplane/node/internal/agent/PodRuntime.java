package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What runs a node's pods: simulated containers on a hollow node, real ones on a real node.
 * The node asks it what a pod's containers do and writes the status that follows.
 */
public interface PodRuntime {

  /** The containers' runs now, and when they change by themselves next (null: not alone). */
  record Observed(PodStatusMaker.Runs runs, Instant nextChange) {}

  /**
   * @param start  when the node started the pod (its {@code status.startTime})
   * @param stopAt when the node stopped its containers because it is being deleted, or null
   */
  Observed observe(JsonNode pod, String hostIp, String podIp, Instant start, Instant now,
      Instant stopAt);
}
