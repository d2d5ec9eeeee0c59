package io.logplane.projections.internal;

import io.logplane.projections.Key;
import java.util.Set;

/**
 * Which kinds carry {@code metadata.generation}, as in Kubernetes: those whose spec a
 * controller acts on (workloads, jobs, autoscalers, policies, ingresses, CRDs and every custom
 * resource), not plain data (ConfigMaps, Secrets), nor pods, services, namespaces or nodes.
 */
public final class Generations {

  private static final Set<String> GROUPS = Set.of("apps", "batch", "autoscaling", "policy",
      "networking.k8s.io", "apiextensions.k8s.io");
  private static final Set<String> UNTRACKED_GROUPS = Set.of("core", "rbac.authorization.k8s.io",
      "storage.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io", "internal");

  private Generations() {}

  public static boolean tracked(Key key) {
    if (key.group().equals("core")) {
      return key.resource().equals("replicationcontrollers");
    }
    return GROUPS.contains(key.group()) || !UNTRACKED_GROUPS.contains(key.group());
  }
}
