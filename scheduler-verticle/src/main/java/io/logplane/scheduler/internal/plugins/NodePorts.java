package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.HostPort;
import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;

/** The host ports the pod asks for must be free on the node. */
public final class NodePorts implements Filter {

  @Override
  public Status filter(Cycle cycle, PodInfo pod, NodeInfo node) {
    if (pod.hostPorts.isEmpty()) {
      return null;
    }
    for (PodInfo other : node.pods.values()) {
      for (HostPort used : other.hostPorts) {
        for (HostPort wanted : pod.hostPorts) {
          if (wanted.conflicts(used)) {
            return Status.unschedulable("node(s) didn't have free ports for the requested pod ports");
          }
        }
      }
    }
    return null;
  }
}
