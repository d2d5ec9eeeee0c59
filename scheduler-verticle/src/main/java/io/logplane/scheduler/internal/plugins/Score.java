package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import java.util.List;

/**
 * A score plugin: how well a feasible node suits the pod, normalized to 0..100 over the
 * feasible nodes, then weighted ({@link Plugins}). Pure.
 */
public interface Score {

  int MAX = 100;

  /** Computes, once per cycle, what scoring needs of the feasible nodes; false when the plugin has nothing to say. */
  default boolean preScore(Cycle cycle, List<NodeInfo> feasible) {
    return true;
  }

  long score(Cycle cycle, PodInfo pod, NodeInfo node);

  /** Maps the raw scores (one per feasible node, in order) to 0..100 in place. */
  default void normalize(Cycle cycle, long[] scores) {}

  /** kube's {@code DefaultNormalizeScore}: scaled so the best is 100, reversed when fewer is better. */
  static void normalizeToMax(long[] scores, boolean reverse) {
    long max = 0;
    for (long s : scores) {
      max = Math.max(max, s);
    }
    for (int i = 0; i < scores.length; i++) {
      long s = max == 0 ? 0 : MAX * scores[i] / max;
      scores[i] = reverse ? MAX - s : s;
    }
  }
}
