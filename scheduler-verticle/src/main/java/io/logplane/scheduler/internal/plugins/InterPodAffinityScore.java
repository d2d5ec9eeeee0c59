package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.AffinityTerm;
import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Preferred inter-pod affinity: each domain gains the weight of the pod's preferred affinity
 * terms for every matching pod in it and loses its anti-affinity ones', and existing pods' terms
 * that match the pod count the same way (their required affinity with weight 1, kube's
 * hardPodAffinityWeight); scores are then scaled between the least and the best node.
 */
public final class InterPodAffinityScore implements Score {

  static final int HARD_POD_AFFINITY_WEIGHT = 1;

  /** Score by "topologyKey=value". */
  record Domains(Map<String, Long> scores) {}

  @Override
  public boolean preScore(Cycle cycle, List<NodeInfo> feasible) {
    PodInfo pod = cycle.pod;
    boolean own = !pod.preferredAffinity.isEmpty() || !pod.preferredAntiAffinity.isEmpty();
    if (!own && !cycle.placedPodsHaveAffinity) {
      return false;
    }
    Map<String, Long> scores = new HashMap<>();
    for (NodeInfo node : cycle.nodes) {
      for (PodInfo existing : own ? node.pods.values() : node.podsWithAffinity) {
        add(scores, pod.preferredAffinity, existing, node, 1);
        add(scores, pod.preferredAntiAffinity, existing, node, -1);
        for (AffinityTerm t : existing.requiredAffinity) {
          add(scores, t, HARD_POD_AFFINITY_WEIGHT, pod, node);
        }
        add(scores, existing.preferredAffinity, pod, node, 1);
        add(scores, existing.preferredAntiAffinity, pod, node, -1);
      }
    }
    if (scores.isEmpty()) {
      return false;
    }
    cycle.put(Domains.class, new Domains(scores));
    return true;
  }

  @Override
  public long score(Cycle cycle, PodInfo pod, NodeInfo node) {
    long score = 0;
    for (Map.Entry<String, Long> e : cycle.get(Domains.class).scores().entrySet()) {
      String[] kv = e.getKey().split("=", 2);
      if (kv[1].equals(node.label(kv[0]))) {
        score += e.getValue();
      }
    }
    return score;
  }

  @Override
  public void normalize(Cycle cycle, long[] scores) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long s : scores) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    for (int i = 0; i < scores.length; i++) {
      scores[i] = max > min ? (long) (MAX * ((double) (scores[i] - min) / (max - min))) : 0;
    }
  }

  private static void add(Map<String, Long> scores, List<AffinityTerm> terms, PodInfo target, NodeInfo node,
      int sign) {
    for (AffinityTerm t : terms) {
      add(scores, t, sign * t.weight(), target, node);
    }
  }

  private static void add(Map<String, Long> scores, AffinityTerm t, int weight, PodInfo target, NodeInfo node) {
    String value = node.label(t.topologyKey());
    if (value != null && t.matches(target)) {
      scores.merge(t.topologyKey() + "=" + value, (long) weight, Long::sum);
    }
  }
}
