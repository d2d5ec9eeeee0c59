package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;

/**
 * NodeResourcesFit's LeastAllocated strategy: the share of cpu and of memory left free once the
 * pod is on the node, averaged (weight 1 each). Requests count with kube's non-zero defaults, so
 * pods that ask for nothing still spread.
 */
public final class LeastAllocated implements Score {

  @Override
  public long score(Cycle cycle, PodInfo pod, NodeInfo node) {
    long cpu = free(node.allocatable.milliCpu, node.nonZeroRequested.milliCpu + pod.nonZeroRequests.milliCpu);
    long memory = free(node.allocatable.memory, node.nonZeroRequested.memory + pod.nonZeroRequests.memory);
    int weights = (node.allocatable.milliCpu > 0 ? 1 : 0) + (node.allocatable.memory > 0 ? 1 : 0);
    return weights == 0 ? 0 : (cpu + memory) / weights;
  }

  static long free(long allocatable, long requested) {
    if (allocatable == 0 || requested > allocatable) {
      return 0;
    }
    return (allocatable - requested) * MAX / allocatable;
  }
}
