package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import java.util.List;

/** Preferred node affinity: the sum of the weights of the terms the node matches, scaled so the best is 100. */
public final class NodeAffinityScore implements Score {

  @Override
  public boolean preScore(Cycle cycle, List<NodeInfo> feasible) {
    return !cycle.pod.preferredNodeAffinity.isEmpty();
  }

  @Override
  public long score(Cycle cycle, PodInfo pod, NodeInfo node) {
    long score = 0;
    for (int i = 0; i < pod.preferredNodeAffinity.size(); i++) {
      if (pod.preferredNodeAffinity.get(i).matches(node)) {
        score += pod.preferredNodeWeights.get(i);
      }
    }
    return score;
  }

  @Override
  public void normalize(Cycle cycle, long[] scores) {
    Score.normalizeToMax(scores, false);
  }
}
