package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;

/**
 * NodeResourcesBalancedAllocation: nodes whose cpu and memory would be used in equal shares
 * score higher, (1 - |cpu share - memory share| / 2) * 100, over the requests as given.
 */
public final class BalancedAllocation implements Score {

  @Override
  public long score(Cycle cycle, PodInfo pod, NodeInfo node) {
    long cpuAlloc = node.allocatable.milliCpu;
    long memAlloc = node.allocatable.memory;
    if (cpuAlloc == 0 || memAlloc == 0) {
      return MAX; // one fraction or none: kube's standard deviation is 0
    }
    double cpu = Math.min(1, (double) (node.requested.milliCpu + pod.requests.milliCpu) / cpuAlloc);
    double memory = Math.min(1, (double) (node.requested.memory + pod.requests.memory) / memAlloc);
    double std = Math.abs((cpu - memory) / 2);
    return (long) ((1 - std) * MAX);
  }
}
