package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.scheduler.internal.plugins.Status;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the filters that read only the node's object and the pod's spec (cordon, readiness,
 * taints, node selector and required node affinity) said of each node, per shape of pod. The
 * replicas of a workload share a shape, and their answer on a node holds until the node
 * changes; so those filters run once per node and shape instead of once per node and cycle,
 * which on 5,000 nodes was most of a cycle. The cache owns it: it clears a node's answers
 * whenever what these filters read of the node changes.
 */
public final class StaticFits {

  /** What a node that passed the static filters holds (a status is never empty otherwise). */
  public static final Status FITS = new Status(false, List.of());

  /** Shapes kept at most; the least recently used goes first. */
  static final int MAX_SHAPES = 64;

  /** What of a pod the static filters read: equal shapes, equal answers on every node. */
  public record Shape(List<Taint.Toleration> tolerations, JsonNode nodeSelector,
      List<NodeSelector> requiredNodeAffinity) {

    public static Shape of(PodInfo pod) {
      return new Shape(pod.tolerations, pod.nodeSelector, pod.requiredNodeAffinity);
    }
  }

  private final Map<Shape, Status[]> byShape = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Shape, Status[]> eldest) {
      return size() > MAX_SHAPES;
    }
  };

  /**
   * The answers for a shape, indexed by node slot, at least {@code slots} long: null where the
   * filters have not run on that node since it last changed, {@link #FITS} or the failure.
   */
  public Status[] answers(Shape shape, int slots) {
    Status[] a = byShape.get(shape);
    if (a == null || a.length < slots) {
      a = a == null ? new Status[slots] : Arrays.copyOf(a, slots);
      byShape.put(shape, a);
    }
    return a;
  }

  /** Forgets every answer about the node in a slot: it changed, or left and its slot is free. */
  public void forget(int slot) {
    for (Status[] a : byShape.values()) {
      if (slot < a.length) {
        a[slot] = null;
      }
    }
  }
}
