package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One scheduling attempt of one pod: the pod, every node of the cache's snapshot, and what the
 * plugins computed for it in their pre-steps (kube's CycleState).
 */
public final class Cycle {

  public final PodInfo pod;
  public final List<NodeInfo> nodes;
  /** Whether any pod placed on a node has affinity terms: without, inter-pod affinity looks at no node. */
  public final boolean placedPodsHaveAffinity;
  private final Map<Class<?>, Object> state = new HashMap<>();

  public Cycle(PodInfo pod, List<NodeInfo> nodes, boolean placedPodsHaveAffinity) {
    this.pod = pod;
    this.nodes = nodes;
    this.placedPodsHaveAffinity = placedPodsHaveAffinity;
  }

  public Cycle(PodInfo pod, List<NodeInfo> nodes) {
    this(pod, nodes, true);
  }

  public <T> void put(Class<T> type, T value) {
    state.put(type, value);
  }

  public <T> T get(Class<T> type) {
    return type.cast(state.get(type));
  }
}
