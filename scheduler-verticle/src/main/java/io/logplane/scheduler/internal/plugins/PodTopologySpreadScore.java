package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import io.logplane.scheduler.internal.Spread;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ScheduleAnyway spread constraints (or, for a pod a ReplicaSet or StatefulSet owns and that
 * has none, the system default: hostname skew 3, zone skew 5) score a node lower the more
 * matching pods its domains hold, each domain count weighted by log(domains + 2), as kube's.
 */
public final class PodTopologySpreadScore implements Score {

  record State(List<Spread> constraints, Set<String> ignored, List<Map<String, Integer>> counts, double[] weights) {}

  @Override
  public boolean preScore(Cycle cycle, List<NodeInfo> feasible) {
    PodInfo pod = cycle.pod;
    List<Spread> soft = pod.softSpread();
    if (soft.isEmpty()) {
      return false;
    }
    boolean requireAll = !pod.spread.isEmpty();
    Set<String> ignored = new HashSet<>();
    List<Map<String, Integer>> counts = new ArrayList<>();
    soft.forEach(c -> counts.add(new HashMap<>()));
    for (NodeInfo node : feasible) {
      if (requireAll && !PodTopologySpreadFilter.hasAllKeys(node, soft)) {
        ignored.add(node.name);
        continue;
      }
      for (int i = 0; i < soft.size(); i++) {
        if (!soft.get(i).topologyKey().equals(Spread.HOSTNAME)) {
          counts.get(i).putIfAbsent(value(node, soft.get(i)), 0);
        }
      }
    }
    for (NodeInfo node : cycle.nodes) {
      if (!NodeAffinity.matches(pod, node) || requireAll && !PodTopologySpreadFilter.hasAllKeys(node, soft)) {
        continue;
      }
      for (int i = 0; i < soft.size(); i++) {
        Map<String, Integer> domain = counts.get(i);
        String v = value(node, soft.get(i));
        if (domain.containsKey(v)) {
          domain.merge(v, PodTopologySpreadFilter.count(node, soft.get(i)), Integer::sum);
        }
      }
    }
    double[] weights = new double[soft.size()];
    for (int i = 0; i < soft.size(); i++) {
      int size = soft.get(i).topologyKey().equals(Spread.HOSTNAME) ? feasible.size() - ignored.size()
          : counts.get(i).size();
      weights[i] = Math.log(size + 2);
    }
    cycle.put(State.class, new State(soft, ignored, counts, weights));
    return true;
  }

  @Override
  public long score(Cycle cycle, PodInfo pod, NodeInfo node) {
    State s = cycle.get(State.class);
    if (s.ignored().contains(node.name)) {
      return -1;
    }
    double score = 0;
    for (int i = 0; i < s.constraints().size(); i++) {
      Spread c = s.constraints().get(i);
      if (node.label(c.topologyKey()) == null) {
        continue;
      }
      int count = c.topologyKey().equals(Spread.HOSTNAME) ? PodTopologySpreadFilter.count(node, c)
          : s.counts().get(i).getOrDefault(node.label(c.topologyKey()), 0);
      score += count * s.weights()[i] + (c.maxSkew() - 1);
    }
    return Math.round(score);
  }

  @Override
  public void normalize(Cycle cycle, long[] scores) {
    long min = Long.MAX_VALUE;
    long max = 0;
    for (long s : scores) {
      if (s >= 0) {
        min = Math.min(min, s);
        max = Math.max(max, s);
      }
    }
    for (int i = 0; i < scores.length; i++) {
      long s = scores[i];
      scores[i] = s < 0 ? 0 : max == 0 ? MAX : MAX * (max + min - s) / max;
    }
  }

  private static String value(NodeInfo node, Spread c) {
    String v = node.label(c.topologyKey());
    return v == null ? "" : v;
  }
}
