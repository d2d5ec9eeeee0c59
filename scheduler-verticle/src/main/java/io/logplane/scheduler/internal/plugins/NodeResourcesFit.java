package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import io.logplane.scheduler.internal.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pod's requests must fit in what the node can allocate minus what the pods on it request,
 * and one more pod must fit under its pod count; every shortage is a reason of its own.
 */
public final class NodeResourcesFit implements Filter {

  @Override
  public Status filter(Cycle cycle, PodInfo pod, NodeInfo node) {
    List<String> reasons = new ArrayList<>();
    Resources alloc = node.allocatable;
    Resources used = node.requested;
    Resources want = pod.requests;
    if (node.pods.size() + 1 > alloc.pods) {
      reasons.add("Too many pods");
    }
    if (want.milliCpu > 0 && want.milliCpu > alloc.milliCpu - used.milliCpu) {
      reasons.add("Insufficient cpu");
    }
    if (want.memory > 0 && want.memory > alloc.memory - used.memory) {
      reasons.add("Insufficient memory");
    }
    if (want.ephemeralStorage > 0 && want.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
      reasons.add("Insufficient ephemeral-storage");
    }
    for (Map.Entry<String, Long> e : want.scalars.entrySet()) {
      if (e.getValue() > 0 && e.getValue() > alloc.scalar(e.getKey()) - used.scalar(e.getKey())) {
        reasons.add("Insufficient " + e.getKey());
      }
    }
    return reasons.isEmpty() ? null : new Status(false, List.copyOf(reasons));
  }
}
