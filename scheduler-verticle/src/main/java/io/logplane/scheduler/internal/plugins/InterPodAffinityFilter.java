package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.AffinityTerm;
import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Required inter-pod affinity and anti-affinity by topology key: no existing pod's anti-affinity
 * may reject the pod in the node's domain, none of the pod's anti-affinity terms may find a
 * matching pod there, and each of its affinity terms must (unless no pod matches them anywhere
 * and the pod matches them itself: the first of a group).
 */
public final class InterPodAffinityFilter implements Filter {

  /** Counts by "topologyKey=value": existing pods' anti-affinity against the pod, and the pod's own terms. */
  record Counts(Map<String, Integer> existingAnti, Map<String, Integer> affinity, Map<String, Integer> anti) {}

  @Override
  public void preFilter(Cycle cycle) {
    PodInfo pod = cycle.pod;
    if (!cycle.placedPodsHaveAffinity && pod.requiredAffinity.isEmpty() && pod.requiredAntiAffinity.isEmpty()) {
      return;
    }
    Counts counts = new Counts(new HashMap<>(), new HashMap<>(), new HashMap<>());
    boolean own = !pod.requiredAffinity.isEmpty() || !pod.requiredAntiAffinity.isEmpty();
    for (NodeInfo node : cycle.nodes) {
      for (PodInfo existing : node.podsWithAffinity) {
        for (AffinityTerm t : existing.requiredAntiAffinity) {
          count(counts.existingAnti(), t, node, t.matches(pod));
        }
      }
      if (!own) {
        continue;
      }
      for (PodInfo existing : node.pods.values()) {
        boolean all = !pod.requiredAffinity.isEmpty() && matchesAll(pod.requiredAffinity, existing);
        for (AffinityTerm t : pod.requiredAffinity) {
          count(counts.affinity(), t, node, all);
        }
        for (AffinityTerm t : pod.requiredAntiAffinity) {
          count(counts.anti(), t, node, t.matches(existing));
        }
      }
    }
    cycle.put(Counts.class, counts);
  }

  @Override
  public Status filter(Cycle cycle, PodInfo pod, NodeInfo node) {
    Counts c = cycle.get(Counts.class);
    if (c == null) {
      return null;
    }
    for (Map.Entry<String, Integer> e : c.existingAnti().entrySet()) {
      String[] kv = e.getKey().split("=", 2);
      if (kv[1].equals(node.label(kv[0]))) {
        return Status.unschedulable("node(s) didn't satisfy existing pods anti-affinity rules");
      }
    }
    for (AffinityTerm t : pod.requiredAntiAffinity) {
      if (c.anti().getOrDefault(pair(t, node), 0) > 0) {
        return Status.unschedulable("node(s) didn't match pod anti-affinity rules");
      }
    }
    boolean first = c.affinity().isEmpty() && matchesAll(pod.requiredAffinity, pod);
    for (AffinityTerm t : pod.requiredAffinity) {
      if (node.label(t.topologyKey()) == null || c.affinity().getOrDefault(pair(t, node), 0) == 0 && !first) {
        return Status.unresolvable("node(s) didn't match pod affinity rules");
      }
    }
    return null;
  }

  static boolean matchesAll(List<AffinityTerm> terms, PodInfo pod) {
    for (AffinityTerm t : terms) {
      if (!t.matches(pod)) {
        return false;
      }
    }
    return true;
  }

  private static void count(Map<String, Integer> counts, AffinityTerm t, NodeInfo node, boolean matches) {
    String value = node.label(t.topologyKey());
    if (matches && value != null) {
      counts.merge(t.topologyKey() + "=" + value, 1, Integer::sum);
    }
  }

  private static String pair(AffinityTerm t, NodeInfo node) {
    return t.topologyKey() + "=" + node.label(t.topologyKey());
  }
}
