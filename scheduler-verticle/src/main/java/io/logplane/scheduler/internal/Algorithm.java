package io.logplane.scheduler.internal;

import io.logplane.scheduler.internal.plugins.Cycle;
import io.logplane.scheduler.internal.plugins.Filter;
import io.logplane.scheduler.internal.plugins.Plugins;
import io.logplane.scheduler.internal.plugins.Score;
import io.logplane.scheduler.internal.plugins.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One scheduling cycle, as kube-scheduler's {@code schedulePod}: filter nodes from a rotating
 * start until enough are feasible (all up to 100 nodes, then a share falling from 50 % to 5 %
 * as the cluster grows), score the feasible ones, pick the best (ties at random).
 */
public final class Algorithm {

  /** A node chosen, or the message that says why none fits. */
  public record Result(String node, String failure) {}

  private final Random random;
  private int nextStart;

  public Algorithm(Random random) {
    this.random = random;
  }

  public Result schedule(PodInfo pod, List<NodeInfo> nodes) {
    return schedule(pod, nodes, true);
  }

  /** A cycle over the nodes; placedPodsHaveAffinity false lets inter-pod affinity skip looking. */
  public Result schedule(PodInfo pod, List<NodeInfo> nodes, boolean placedPodsHaveAffinity) {
    if (nodes.isEmpty()) {
      return new Result(null, FitMessage.NO_NODES);
    }
    Cycle cycle = new Cycle(pod, nodes, placedPodsHaveAffinity);
    for (Filter f : Plugins.FILTERS) {
      f.preFilter(cycle);
    }
    int n = nodes.size();
    int wanted = feasibleToFind(n);
    List<NodeInfo> feasible = new ArrayList<>();
    FitMessage failure = new FitMessage(n);
    int processed = 0;
    while (processed < n && feasible.size() < wanted) {
      NodeInfo node = nodes.get((nextStart + processed) % n);
      processed++;
      Status s = filter(cycle, pod, node);
      if (s == null) {
        feasible.add(node);
      } else {
        failure.add(s.reasons(), s.unresolvable());
      }
    }
    nextStart = (nextStart + processed) % n;
    if (feasible.isEmpty()) {
      return new Result(null, failure.message(pod.preemptNever));
    }
    return new Result(feasible.size() == 1 ? feasible.get(0).name : best(cycle, feasible), null);
  }

  static Status filter(Cycle cycle, PodInfo pod, NodeInfo node) {
    for (Filter f : Plugins.FILTERS) {
      Status s = f.filter(cycle, pod, node);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** The weighted sum of the normalized scores of each feasible node. */
  public static long[] scores(Cycle cycle, List<NodeInfo> feasible) {
    long[] total = new long[feasible.size()];
    for (Plugins.Weighted w : Plugins.SCORES) {
      Score score = w.score();
      if (!score.preScore(cycle, feasible)) {
        continue;
      }
      long[] s = new long[feasible.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = score.score(cycle, cycle.pod, feasible.get(i));
      }
      score.normalize(cycle, s);
      for (int i = 0; i < s.length; i++) {
        total[i] += s[i] * w.weight();
      }
    }
    return total;
  }

  private String best(Cycle cycle, List<NodeInfo> feasible) {
    long[] total = scores(cycle, feasible);
    int best = 0;
    int ties = 1;
    for (int i = 1; i < total.length; i++) {
      if (total[i] > total[best]) {
        best = i;
        ties = 1;
      } else if (total[i] == total[best] && random.nextInt(++ties) == 0) {
        best = i;
      }
    }
    return feasible.get(best).name;
  }

  /** kube's numFeasibleNodesToFind with percentageOfNodesToScore unset. */
  static int feasibleToFind(int nodes) {
    if (nodes < 100) {
      return nodes;
    }
    int percentage = Math.max(5, 50 - nodes / 125);
    return Math.max(100, nodes * percentage / 100);
  }
}
