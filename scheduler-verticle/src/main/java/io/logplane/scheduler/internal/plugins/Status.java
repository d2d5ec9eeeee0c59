package io.logplane.scheduler.internal.plugins;

import java.util.List;

/**
 * Why a node does not fit a pod: the reasons kube's message counts, and whether preempting
 * pods could help ({@code unresolvable}: it could not, as kube's UnschedulableAndUnresolvable).
 */
public record Status(boolean unresolvable, List<String> reasons) {

  public static Status unschedulable(String... reasons) {
    return new Status(false, List.of(reasons));
  }

  public static Status unresolvable(String... reasons) {
    return new Status(true, List.of(reasons));
  }
}
