package io.logplane.scheduler.internal.plugins;

import io.logplane.projections.Metadata;
import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import io.logplane.scheduler.internal.Spread;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DoNotSchedule spread constraints: placing the pod in a node's domain must not make that
 * domain's count of matching pods exceed the smallest domain's by more than maxSkew. Domains
 * are counted over the nodes that satisfy the pod's node selector and affinity and carry every
 * constraint's topology key (kube's NodeAffinityPolicy Honor, NodeTaintsPolicy Ignore).
 */
public final class PodTopologySpreadFilter implements Filter {

  /** Per hard constraint: matching pods per domain value, and the smallest count. */
  record Counts(List<Spread> constraints, List<Map<String, Integer>> perDomain, int[] min) {}

  @Override
  public void preFilter(Cycle cycle) {
    List<Spread> hard = cycle.pod.spread.stream().filter(Spread::doNotSchedule).toList();
    if (hard.isEmpty()) {
      return;
    }
    List<Map<String, Integer>> perDomain = new ArrayList<>();
    hard.forEach(c -> perDomain.add(new HashMap<>()));
    for (NodeInfo node : cycle.nodes) {
      if (!NodeAffinity.matches(cycle.pod, node) || !hasAllKeys(node, hard)) {
        continue;
      }
      for (int i = 0; i < hard.size(); i++) {
        Spread c = hard.get(i);
        perDomain.get(i).merge(node.label(c.topologyKey()), count(node, c), Integer::sum);
      }
    }
    int[] min = new int[hard.size()];
    for (int i = 0; i < hard.size(); i++) {
      Map<String, Integer> domains = perDomain.get(i);
      min[i] = domains.size() < hard.get(i).minDomains() ? 0
          : domains.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    }
    cycle.put(Counts.class, new Counts(hard, perDomain, min));
  }

  @Override
  public Status filter(Cycle cycle, PodInfo pod, NodeInfo node) {
    Counts counts = cycle.get(Counts.class);
    if (counts == null) {
      return null;
    }
    for (int i = 0; i < counts.constraints().size(); i++) {
      Spread c = counts.constraints().get(i);
      String value = node.label(c.topologyKey());
      if (value == null) {
        return Status.unresolvable("node(s) didn't match pod topology spread constraints (missing required label)");
      }
      int self = c.matches().test(pod) ? 1 : 0;
      int skew = counts.perDomain().get(i).getOrDefault(value, 0) + self - counts.min()[i];
      if (skew > c.maxSkew()) {
        return Status.unschedulable("node(s) didn't match pod topology spread constraints");
      }
    }
    return null;
  }

  static boolean hasAllKeys(NodeInfo node, List<Spread> constraints) {
    for (Spread c : constraints) {
      if (node.label(c.topologyKey()) == null) {
        return false;
      }
    }
    return true;
  }

  /** The pods on the node the constraint counts: matching ones that are not being deleted. */
  static int count(NodeInfo node, Spread c) {
    int n = 0;
    for (PodInfo p : node.pods.values()) {
      if (!Metadata.terminating(p.pod) && c.matches().test(p)) {
        n++;
      }
    }
    return n;
  }
}
