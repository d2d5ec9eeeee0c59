package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import io.logplane.scheduler.internal.plugins.Status;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The nodes and the pods placed on them: bound ones as the informers report them, and assumed
 * ones, which the scheduler chose a node for and whose bind is in flight (kube's "assume": the
 * next cycle counts them at once; a failed bind forgets them). Terminal pods hold nothing.
 * One lock: the informers' handlers change it, a scheduling cycle reads it whole.
 */
public final class SchedulerCache {

  private final Map<String, NodeInfo> nodes = new HashMap<>();
  private final List<NodeInfo> schedulable = new ArrayList<>();
  /** Pod uid to the node it is bound or assumed on. */
  private final Map<String, String> placed = new HashMap<>();
  private final Set<String> assumed = new HashSet<>();
  /** Placed pods with affinity terms of any kind. */
  private int withAffinity;
  private final StaticFits fits = new StaticFits();
  private final Deque<Integer> freeSlots = new ArrayDeque<>();
  private int slots;

  /** Adds or changes a node; true when what scheduling reads of it changed (or it is new). */
  public synchronized boolean updateNode(ObjectNode node) {
    String name = Metadata.text(node, "name");
    NodeInfo info = nodes.computeIfAbsent(name, NodeInfo::new);
    boolean added = info.node() == null;
    String before = added ? null : fingerprint(info);
    info.setNode(node);
    if (added) {
      schedulable.add(info);
      info.slot = freeSlots.isEmpty() ? slots++ : freeSlots.pop();
      return true;
    }
    if (before.equals(fingerprint(info))) {
      return false;
    }
    fits.forget(info.slot);
    return true;
  }

  public synchronized void removeNode(String name) {
    NodeInfo info = nodes.get(name);
    if (info != null) {
      if (schedulable.remove(info)) {
        fits.forget(info.slot);
        freeSlots.push(info.slot);
        info.slot = -1;
      }
      if (info.pods.isEmpty()) {
        nodes.remove(name);
      } else {
        nodes.put(name, withPodsOnly(info));
      }
    }
  }

  /** Records a pod bound to a node (its spec.nodeName), or drops it once terminal; true when it held resources before. */
  public synchronized boolean updatePod(PodInfo pod) {
    boolean held = removePod(pod.uid);
    if (!pod.terminal) {
      place(pod, pod.nodeName);
    }
    return held;
  }

  /** Drops a pod wherever it is; true when it was placed. */
  public synchronized boolean removePod(String uid) {
    assumed.remove(uid);
    String node = placed.remove(uid);
    if (node == null) {
      return false;
    }
    NodeInfo info = nodes.get(node);
    PodInfo pod = info.pods.get(uid);
    if (pod != null && pod.hasAffinity()) {
      withAffinity--;
    }
    info.removePod(uid);
    if (info.node() == null && info.pods.isEmpty()) {
      nodes.remove(node);
    }
    return true;
  }

  public synchronized void assume(PodInfo pod, String node) {
    place(pod, node);
    assumed.add(pod.uid);
  }

  /** Forgets an assumed pod whose bind failed; a pod the informers saw bound meanwhile stays. */
  public synchronized void forget(String uid) {
    if (assumed.contains(uid)) {
      removePod(uid);
    }
  }

  public synchronized boolean isAssumed(String uid) {
    return assumed.contains(uid);
  }

  /** Runs a scheduling cycle over the nodes that exist, with no change in between. */
  public synchronized <T> T read(Function<List<NodeInfo>, T> cycle) {
    return cycle.apply(schedulable);
  }

  /**
   * What the static filters said of each node for pods of this one's shape, by node slot
   * (read and filled within {@link #read}).
   */
  public synchronized Status[] staticAnswers(PodInfo pod) {
    return fits.answers(pod.shape, slots);
  }

  /** Whether any placed pod has affinity terms (read within {@link #read}). */
  public synchronized boolean placedPodsHaveAffinity() {
    return withAffinity > 0;
  }

  public synchronized NodeInfo node(String name) {
    return nodes.get(name);
  }

  private void place(PodInfo pod, String node) {
    if (pod.hasAffinity()) {
      withAffinity++;
    }
    nodes.computeIfAbsent(node, NodeInfo::new).addPod(pod);
    placed.put(pod.uid, node);
  }

  private static NodeInfo withPodsOnly(NodeInfo info) {
    NodeInfo orphan = new NodeInfo(info.name);
    info.pods.values().forEach(orphan::addPod);
    return orphan;
  }

  /** What the static filters and the scores read of a node besides its pods. */
  private static String fingerprint(NodeInfo n) {
    return n.labels() + "|" + n.allocatable + "|" + n.taints + "|" + n.unschedulable + "|" + n.ready;
  }
}
