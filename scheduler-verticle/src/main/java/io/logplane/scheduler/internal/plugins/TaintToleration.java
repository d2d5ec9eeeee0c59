package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import io.logplane.scheduler.internal.Taint;

/** A node's NoSchedule and NoExecute taints must all be tolerated; PreferNoSchedule ones only score. */
public final class TaintToleration implements Filter {

  @Override
  public Status filter(Cycle cycle, PodInfo pod, NodeInfo node) {
    for (Taint t : node.taints) {
      boolean hard = t.effect().equals("NoSchedule") || t.effect().equals("NoExecute");
      if (hard && !Taint.Toleration.tolerated(pod.tolerations, t)) {
        return Status.unresolvable(reason(t));
      }
    }
    return null;
  }

  static String reason(Taint t) {
    return "node(s) had untolerated taint " + t.show();
  }
}
