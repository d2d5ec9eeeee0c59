package io.logplane.scheduler.internal;

import io.logplane.scheduler.internal.plugins.Cycle;
import io.logplane.scheduler.internal.plugins.Filter;
import io.logplane.scheduler.internal.plugins.Plugins;
import io.logplane.scheduler.internal.plugins.Score;
import io.logplane.scheduler.internal.plugins.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One scheduling cycle, as kube-scheduler's {@code schedulePod}: the pod's nominated node first
 * when it has one and it fits; else filter nodes from a rotating start until enough are feasible
 * (all up to 100 nodes, then a share falling from 50 % to 5 % as the cluster grows), score the
 * feasible ones, pick the best (ties at random). Filters count the pods nominated to a node with
 * at least the pod's priority, as kube's RunFilterPluginsWithNominatedPods.
 */
public final class Algorithm {

  /**
   * A node chosen, or why none fits: each node's status (empty when there are no nodes), and
   * the FitError's message without what preemption adds.
   */
  public record Result(String node, Map<String, Status> statuses, FitMessage failure) {

    /** The FailedScheduling message, with what preemption said (null: nothing). */
    public String message(String postFilter) {
      return failure == null ? FitMessage.NO_NODES : failure.message(postFilter);
    }
  }

  private final Random random;
  private int nextStart;

  public Algorithm(Random random) {
    this.random = random;
  }

  public Result schedule(PodInfo pod, List<NodeInfo> nodes) {
    return schedule(new Cycle(pod, nodes));
  }

  /**
   * A cycle refused by a PreFilter: every node fails for the same reason (unresolvable, so
   * preemption sees no help in any), and the message says it once, as kube's FitError.
   */
  public static Result rejected(Cycle cycle, String why) {
    if (cycle.nodes.isEmpty()) {
      return new Result(null, Map.of(), null);
    }
    Map<String, Status> statuses = new LinkedHashMap<>();
    cycle.nodes.forEach(n -> statuses.put(n.name, Status.unresolvable(why)));
    return new Result(null, statuses, new FitMessage(cycle.nodes.size()).preFilter(why));
  }

  /** A cycle over its nodes. */
  public Result schedule(Cycle cycle) {
    PodInfo pod = cycle.pod;
    List<NodeInfo> nodes = cycle.nodes;
    if (nodes.isEmpty()) {
      return new Result(null, Map.of(), null);
    }
    for (Filter f : Plugins.FILTERS) {
      f.preFilter(cycle);
    }
    String nominated = cycle.nominated.nodeOf(pod.key);
    if (!nominated.isEmpty()) {
      for (NodeInfo node : nodes) {
        if (node.name.equals(nominated) && filter(cycle, pod, node) == null) {
          return new Result(node.name, null, null);
        }
      }
    }
    int n = nodes.size();
    int wanted = feasibleToFind(n);
    List<NodeInfo> feasible = new ArrayList<>();
    Map<String, Status> statuses = new LinkedHashMap<>();
    int processed = 0;
    while (processed < n && feasible.size() < wanted) {
      NodeInfo node = nodes.get((nextStart + processed) % n);
      processed++;
      Status s = filter(cycle, pod, node);
      if (s == null) {
        feasible.add(node);
      } else {
        statuses.put(node.name, s);
      }
    }
    nextStart = (nextStart + processed) % n;
    if (feasible.isEmpty()) {
      FitMessage failure = new FitMessage(n);
      statuses.values().forEach(s -> failure.add(s.reasons()));
      return new Result(null, statuses, failure);
    }
    return new Result(feasible.size() == 1 ? feasible.get(0).name : best(cycle, feasible), null, null);
  }

  /**
   * Runs the filters on a node as kube's RunFilterPluginsWithNominatedPods: once with the pods
   * nominated there (of at least the pod's priority) added, when there are any, and once
   * without (a nominated pod's anti-affinity may be what the pod fails on, or what it needs).
   */
  public static Status filter(Cycle cycle, PodInfo pod, NodeInfo node) {
    List<PodInfo> nominated = cycle.nominated.atLeast(node.name, pod);
    if (!nominated.isEmpty()) {
      NodeInfo with = node.copy();
      nominated.forEach(with::addPod);
      Status s = filterOnly(cycle.with(with), pod, with);
      if (s != null) {
        return s;
      }
    }
    return filterOnly(cycle, pod, node);
  }

  private static Status filterOnly(Cycle cycle, PodInfo pod, NodeInfo node) {
    Status fixed = cycle.staticFilters(pod, node);
    if (fixed != null) {
      return fixed;
    }
    for (Filter f : Plugins.POD_FILTERS) {
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
    long[] s = new long[feasible.size()]; // each plugin's, filled whole before it is read
    for (Plugins.Weighted w : Plugins.SCORES) {
      Score score = w.score();
      if (!score.preScore(cycle, feasible)) {
        continue;
      }
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
