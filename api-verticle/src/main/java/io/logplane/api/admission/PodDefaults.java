package io.logplane.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  static final long DEFAULT_TOLERATION_SECONDS = 300;
  private static final String[] NODE_TAINTS = {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"};

  static void apply(ObjectNode spec) {
    defaultTolerations(spec);
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

  private static void defaultTolerations(ObjectNode spec) {
    for (String taint : NODE_TAINTS) {
      boolean tolerated = false;
      for (JsonNode t : spec.path("tolerations")) {
        String effect = t.path("effect").asText("");
        tolerated |= (effect.isEmpty() || effect.equals("NoExecute"))
            && (t.path("key").asText("").equals(taint) || t.path("key").asText("").isEmpty()
                && t.path("operator").asText("").equals("Exists"));
      }
      if (!tolerated) {
        spec.withArray("tolerations").addObject().put("key", taint).put("operator", "Exists")
            .put("effect", "NoExecute").put("tolerationSeconds", DEFAULT_TOLERATION_SECONDS);
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
