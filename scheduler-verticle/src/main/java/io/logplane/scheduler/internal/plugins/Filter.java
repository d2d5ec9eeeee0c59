package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.PodInfo;

/** A filter plugin: whether a node can hold the pod; null when it can. Pure. */
public interface Filter {

  /** Computes, once per cycle, what the filter needs of the whole cluster (counts by topology). */
  default void preFilter(Cycle cycle) {}

  Status filter(Cycle cycle, PodInfo pod, NodeInfo node);
}
