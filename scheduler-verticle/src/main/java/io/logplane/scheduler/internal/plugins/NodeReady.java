package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import io.logplane.scheduler.internal.Taint;

/**
 * A node that is not Ready takes only pods that tolerate the taint the node lifecycle controller
 * puts on such a node ({@code not-ready} when Ready is False, {@code unreachable} when Unknown),
 * as if it were there already: kube-scheduler reads readiness only through those taints, and
 * the failure reads as theirs.
 */
public final class NodeReady implements Filter {

  static final Taint NOT_READY = new Taint("node.kubernetes.io/not-ready", "", "NoSchedule");
  static final Taint UNREACHABLE = new Taint("node.kubernetes.io/unreachable", "", "NoSchedule");

  @Override
  public Status filter(Cycle cycle, PodInfo pod, NodeInfo node) {
    if (node.ready.equals("True")) {
      return null;
    }
    Taint taint = node.ready.equals("False") ? NOT_READY : UNREACHABLE;
    if (Taint.Toleration.tolerated(pod.tolerations, taint)) {
      return null;
    }
    return Status.unresolvable(TaintToleration.reason(taint));
  }
}
