package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.DefaultTolerations;
import java.util.Iterator;
import java.util.Map;

/**
 * The defaults kube's SetDefaults_Pod gives a Pod and not a pod template: a container's requests
 * default to its limits, and under hostNetwork a hostPort to its containerPort. Validation then
 * sees what kube-apiserver's sees (a negative limit is a negative request too). And as its
 * DefaultTolerationSeconds admission plugin, a pod tolerates a node's not-ready and unreachable
 * NoExecute taints for 300 s unless it says otherwise: how long it waits on a lost node before
 * it is evicted.
 */
final class PodDefaults {

  private PodDefaults() {}


  static void apply(ObjectNode spec) {
    DefaultTolerations.apply(spec);
    boolean hostNetwork = spec.path("hostNetwork").asBoolean(false);
    for (String list : new String[] {"containers", "initContainers"}) {
      for (JsonNode c : spec.path(list)) {
        if (c instanceof ObjectNode container) {
          requestsFromLimits(container);
          if (hostNetwork) {
            hostPorts(container);
          }
        }
      }
    }
  }

  private static void requestsFromLimits(ObjectNode container) {
    if (!(container.path("resources") instanceof ObjectNode resources)
        || !(resources.get("limits") instanceof ObjectNode limits) || limits.isEmpty()) {
      return;
    }
    ObjectNode requests = resources.get("requests") instanceof ObjectNode r ? r : resources.putObject("requests");
    for (Iterator<Map.Entry<String, JsonNode>> it = limits.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!requests.has(e.getKey())) {
        requests.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  private static void hostPorts(ObjectNode container) {
    for (JsonNode p : container.path("ports")) {
      if (p instanceof ObjectNode port && port.path("hostPort").asLong(0) == 0 && port.has("containerPort")) {
        port.set("hostPort", port.get("containerPort"));
      }
    }
  }
}
