package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import io.logplane.scheduler.internal.Taint;
import java.util.List;

/**
 * PreferNoSchedule taints: the fewer a node has that the pod's tolerations (those with effect
 * PreferNoSchedule or none) leave untolerated, the higher it scores.
 */
public final class TaintTolerationScore implements Score {

  /** The pod's tolerations that count here, found once per cycle. */
  private record Soft(List<Taint.Toleration> tolerations) {}

  @Override
  public boolean preScore(Cycle cycle, List<NodeInfo> feasible) {
    cycle.put(Soft.class, new Soft(soft(cycle.pod)));
    return true;
  }

  @Override
  public long score(Cycle cycle, PodInfo pod, NodeInfo node) {
    long count = 0;
    List<Taint.Toleration> soft = null; // read only for a node with such taints: most have none
    for (Taint t : node.taints) {
      if (t.effect().equals("PreferNoSchedule")) {
        if (soft == null) {
          Soft kept = cycle.get(Soft.class);
          soft = kept != null && pod == cycle.pod ? kept.tolerations() : soft(pod);
        }
        if (!Taint.Toleration.tolerated(soft, t)) {
          count++;
        }
      }
    }
    return count;
  }

  @Override
  public void normalize(Cycle cycle, long[] scores) {
    Score.normalizeToMax(scores, true);
  }

  private static List<Taint.Toleration> soft(PodInfo pod) {
    return pod.tolerations.stream()
        .filter(t -> t.effect().isEmpty() || t.effect().equals("PreferNoSchedule")).toList();
  }
}
