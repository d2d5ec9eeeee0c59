package io.logplane.api.metrics;

import io.logplane.api.resources.ResourceType;
import java.util.List;

/**
 * The resources of the metrics group. Like the history views they are outside the
 * {@link io.logplane.api.resources.Registry} (nothing of them is stored); discovery lists them
 * with metrics-server's verbs, get and list. The PUT by which node agents report is not a verb
 * discovery advertises, as it is not one of metrics-server's.
 */
public final class MetricsTypes {

  public static final String GROUP = "metrics.k8s.io";
  public static final String VERSION = "v1beta1";
  public static final String API_VERSION = GROUP + "/" + VERSION;

  public static final ResourceType NODES = new ResourceType(GROUP, VERSION, "nodes", "", "NodeMetrics", false,
      List.of(), List.of(), List.of(), null);
  public static final ResourceType PODS = new ResourceType(GROUP, VERSION, "pods", "", "PodMetrics", true,
      List.of(), List.of(), List.of(), null);

  private MetricsTypes() {}

  public static List<ResourceType> all() {
    return List.of(NODES, PODS);
  }
}
