package io.logplane.scheduler.internal.plugins;

import java.util.ArrayList;
import java.util.List;

/**
 * What runs in a scheduling cycle: the filters in kube-scheduler's order (a node's first failure
 * is its reason), and the scores with kube-scheduler 1.28's default weights. ImageLocality
 * (weight 1) is left out: nodes report no images yet. Of the volume plugins, VolumeBinding's filter (the
 * bound volumes' node affinity) runs; its PreFilter and PreBind are {@code VolumeBinding}'s.
 */
public final class Plugins {

  public record Weighted(String name, Score score, int weight) {}

  /**
   * The filters that read only the node's object and the pod's spec, never the pods on the
   * node: their answer holds until the node changes ({@code StaticFits} keeps it). They come
   * first in kube's order too, so a node's first failure stays its reason.
   */
  public static final List<Filter> STATIC_FILTERS = List.of(
      new NodeUnschedulable(),
      new NodeReady(),
      new TaintToleration(),
      new NodeAffinity());

  /** The filters that read the pods on the node or in the cluster. */
  public static final List<Filter> POD_FILTERS = List.of(
      new NodePorts(),
      new NodeResourcesFit(),
      new VolumeBindingFilter(),
      new PodTopologySpreadFilter(),
      new InterPodAffinityFilter());

  public static final List<Filter> FILTERS = concat(STATIC_FILTERS, POD_FILTERS);

  public static final List<Weighted> SCORES = List.of(
      new Weighted("TaintToleration", new TaintTolerationScore(), 3),
      new Weighted("NodeAffinity", new NodeAffinityScore(), 2),
      new Weighted("NodeResourcesFit", new LeastAllocated(), 1),
      new Weighted("PodTopologySpread", new PodTopologySpreadScore(), 2),
      new Weighted("InterPodAffinity", new InterPodAffinityScore(), 2),
      new Weighted("NodeResourcesBalancedAllocation", new BalancedAllocation(), 1));

  private Plugins() {}

  private static List<Filter> concat(List<Filter> first, List<Filter> then) {
    List<Filter> all = new ArrayList<>(first);
    all.addAll(then);
    return List.copyOf(all);
  }
}
