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

  @Override
  public long score(Cycle cycle, PodInfo pod, NodeInfo node) {
    if (node.taints.isEmpty()) {
      return 0;
    }
    List<Taint.Toleration> soft = pod.tolerations.stream()
        .filter(t -> t.effect().isEmpty() || t.effect().equals("PreferNoSchedule")).toList();
    long count = 0;
    for (Taint t : node.taints) {
      if (t.effect().equals("PreferNoSchedule") && !Taint.Toleration.tolerated(soft, t)) {
        count++;
      }
    }
    return count;
  }

  @Override
  public void normalize(Cycle cycle, long[] scores) {
    Score.normalizeToMax(scores, true);
  }
}
