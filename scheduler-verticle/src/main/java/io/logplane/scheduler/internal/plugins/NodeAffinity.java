package io.logplane.scheduler.internal.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.NodeSelector;
import io.logplane.scheduler.internal.PodInfo;
import java.util.Map;

/** The pod's nodeSelector (every label equal) and its required node affinity (any term) must both hold. */
public final class NodeAffinity implements Filter {

  static final String REASON = "node(s) didn't match Pod's node affinity/selector";

  @Override
  public Status filter(Cycle cycle, PodInfo pod, NodeInfo node) {
    return matches(pod, node) ? null : Status.unresolvable(REASON);
  }

  /** Whether the node satisfies the pod's selector and required affinity (spreading counts only such nodes). */
  public static boolean matches(PodInfo pod, NodeInfo node) {
    for (Map.Entry<String, JsonNode> e : pod.nodeSelector.properties()) {
      if (!e.getValue().asText().equals(node.label(e.getKey()))) {
        return false;
      }
    }
    return pod.requiredNodeAffinity == null || NodeSelector.anyMatches(pod.requiredNodeAffinity, node);
  }
}
