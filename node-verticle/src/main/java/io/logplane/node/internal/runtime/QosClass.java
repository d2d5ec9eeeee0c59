package io.logplane.node.internal.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/** A pod's quality-of-service class, as far as the node's process settings need it. */
final class QosClass {

  private QosClass() {}

  /** BestEffort: no container, init ones included, requests or limits cpu or memory. */
  static boolean bestEffort(JsonNode pod) {
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : pod.path("spec").path(list)) {
        for (String kind : new String[] {"requests", "limits"}) {
          JsonNode r = c.path("resources").path(kind);
          if (r.has("cpu") || r.has("memory")) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
