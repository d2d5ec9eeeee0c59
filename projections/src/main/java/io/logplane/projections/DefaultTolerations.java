package io.logplane.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * kube-apiserver's DefaultTolerationSeconds admission: a pod tolerates a node's
 * {@code not-ready} and {@code unreachable} NoExecute taints for 300 s unless it says otherwise,
 * which is how long it waits on a lost node before it is evicted. Every pod gets it on create,
 * those the API takes and those the workload controllers write without passing its admission.
 */
public final class DefaultTolerations {

  public static final long SECONDS = 300;
  private static final String[] NODE_TAINTS = {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"};

  private DefaultTolerations() {}

  /** Adds to a pod spec the tolerations of the node taints it does not tolerate yet. */
  public static void apply(ObjectNode spec) {
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
            .put("effect", "NoExecute").put("tolerationSeconds", SECONDS);
      }
    }
  }
}
