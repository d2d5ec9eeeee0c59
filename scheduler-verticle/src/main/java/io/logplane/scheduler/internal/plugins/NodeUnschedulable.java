package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import io.logplane.scheduler.internal.Taint;

/** A cordoned node ({@code spec.unschedulable}) takes only pods that tolerate the unschedulable taint. */
public final class NodeUnschedulable implements Filter {

  static final Taint TAINT = new Taint("node.kubernetes.io/unschedulable", "", "NoSchedule");

  @Override
  public Status filter(Cycle cycle, PodInfo pod, NodeInfo node) {
    if (node.unschedulable && !Taint.Toleration.tolerated(pod.tolerations, TAINT)) {
      return Status.unresolvable("node(s) were unschedulable");
    }
    return null;
  }
}
