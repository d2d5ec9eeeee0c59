package io.logplane.scheduler.internal.plugins;

import io.logplane.scheduler.internal.NodeInfo;
import io.logplane.scheduler.internal.Nominator;
import io.logplane.scheduler.internal.PodInfo;
import io.logplane.scheduler.internal.StaticFits;
import io.logplane.scheduler.internal.VolumeBinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One scheduling attempt of one pod: the pod, every node of the cache's snapshot, the pods
 * nominated to nodes, and what the plugins computed for it in their pre-steps (kube's CycleState).
 */
public final class Cycle {

  public final PodInfo pod;
  public final List<NodeInfo> nodes;
  /** Whether any pod placed on a node has affinity terms: without, inter-pod affinity looks at no node. */
  public final boolean placedPodsHaveAffinity;
  /** The pods preemption nominated to nodes (none in plugin tests). */
  public final Nominator nominated;
  private final Map<Class<?>, Object> state = new HashMap<>();
  /** What the pod's claims ask of its node (VolumeBinding's PreFilter), or null when it has none. */
  public VolumeBinding.Plan volumes;
  /**
   * What the static filters said of each node for pods of this pod's shape, by node slot,
   * filled as the cycle goes; null when no cache keeps it (plugin tests).
   */
  Status[] staticAnswers;

  public Cycle(PodInfo pod, List<NodeInfo> nodes, boolean placedPodsHaveAffinity, Nominator nominated) {
    this.pod = pod;
    this.nodes = nodes;
    this.placedPodsHaveAffinity = placedPodsHaveAffinity;
    this.nominated = nominated;
  }

  public Cycle(PodInfo pod, List<NodeInfo> nodes, boolean placedPodsHaveAffinity) {
    this(pod, nodes, placedPodsHaveAffinity, new Nominator());
  }

  public Cycle(PodInfo pod, List<NodeInfo> nodes) {
    this(pod, nodes, true);
  }

  /**
   * A cycle over the same nodes but one, replaced by a changed copy (pods removed or added), its
   * pre-steps run again, as kube's PreFilter AddPod and RemovePod extensions keep them current.
   */
  public Cycle with(NodeInfo changed) {
    List<NodeInfo> others = new ArrayList<>(nodes.size());
    for (NodeInfo n : nodes) {
      others.add(n.name.equals(changed.name) ? changed : n);
    }
    Cycle c = new Cycle(pod, others, true, nominated);
    c.staticAnswers = staticAnswers;
    c.volumes = volumes;
    for (Filter f : Plugins.FILTERS) {
      f.preFilter(c);
    }
    return c;
  }

  /** The plan of the pod's claims (null: it has none). */
  public Cycle withVolumes(VolumeBinding.Plan plan) {
    volumes = plan;
    return this;
  }

  /** Lets the static filters' answers for this pod's shape be read and kept ({@code StaticFits}). */
  public Cycle rememberingStaticAnswers(Status[] answers) {
    staticAnswers = answers;
    return this;
  }

  /**
   * Runs the static filters on a node for this cycle's pod, or reads what they said before on
   * it: null when it passes, else the first failure.
   */
  public Status staticFilters(PodInfo pod, NodeInfo node) {
    Status[] answers = staticAnswers;
    boolean kept = answers != null && pod == this.pod && node.slot >= 0 && node.slot < answers.length;
    if (kept) {
      Status known = answers[node.slot];
      if (known != null) {
        return known == StaticFits.FITS ? null : known;
      }
    }
    Status s = null;
    for (Filter f : Plugins.STATIC_FILTERS) {
      s = f.filter(this, pod, node);
      if (s != null) {
        break;
      }
    }
    if (kept) {
      answers[node.slot] = s == null ? StaticFits.FITS : s;
    }
    return s;
  }

  public <T> void put(Class<T> type, T value) {
    state.put(type, value);
  }

  public <T> T get(Class<T> type) {
    return type.cast(state.get(type));
  }
}
