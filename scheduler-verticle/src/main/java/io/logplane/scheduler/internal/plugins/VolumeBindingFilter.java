package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import io.logplane.scheduler.internal.VolumeBinding;

/**
 * VolumeBinding's Filter: the node must be one the pod's bound volumes may be used on, with a
 * volume (or provisioning) for each claim whose binding waited for the pod.
 */
public final class VolumeBindingFilter implements Filter {

  @Override
  public Status filter(Cycle cycle, PodInfo pod, NodeInfo node) {
    VolumeBinding.Plan plan = cycle.volumes;
    if (plan == null || pod != cycle.pod) {
      return null;
    }
    String misfit = VolumeBinding.misfit(plan, node);
    return misfit == null ? null : Status.unresolvable(misfit);
  }
}
