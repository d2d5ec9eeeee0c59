package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import io.logplane.scheduler.internal.VolumeBinding;

/** VolumeBinding's Filter: the node must be one the pod's bound volumes may be used on. */
public final class VolumeBindingFilter implements Filter {

  @Override
  public Status filter(Cycle cycle, PodInfo pod, NodeInfo node) {
    VolumeBinding.Plan plan = cycle.volumes;
    return plan == null || pod != cycle.pod || VolumeBinding.fits(plan, node) ? null
        : Status.unresolvable(VolumeBinding.CONFLICT);
  }
}
