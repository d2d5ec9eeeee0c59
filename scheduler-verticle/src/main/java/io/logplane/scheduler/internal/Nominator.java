package io.logplane.scheduler.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pods nominated to nodes by preemption (kube's nominator): those whose
 * {@code status.nominatedNodeName} says so, and those the scheduler nominated a moment ago and
 * whose status write it has not seen yet. Filters count the pods nominated to a node with a
 * priority at least the filtered pod's, so the room preemption freed is not taken by a pod of
 * lower priority. Thread-safe: the informers' handlers update it, a scheduling cycle reads it.
 */
public final class Nominator {

  /** A nominated pod, and whether its object says so (else the nomination is only in memory). */
  private record Nominated(PodInfo pod, String node, boolean fromObject) {}

  private final Map<String, Nominated> byKey = new HashMap<>();
  private final Map<String, List<PodInfo>> byNode = new HashMap<>();

  /**
   * A pod to schedule changed: its object's nomination replaces the one held, except that a
   * nomination held in memory survives a version that does not say one yet (as kube's
   * updateNominatedPodUnlocked: the status write may come after other updates).
   */
  public synchronized void update(PodInfo pod) {
    Nominated was = byKey.get(pod.key);
    String node = pod.nominatedNodeName;
    boolean fromObject = !node.isEmpty();
    if (node.isEmpty() && was != null && !was.fromObject() && was.pod().uid.equals(pod.uid)) {
      node = was.node();
    }
    remove(pod.key);
    if (!node.isEmpty()) {
      put(new Nominated(pod, node, fromObject));
    }
  }

  /** The scheduler nominated the pod to the node (or cleared it with ""), before its status says so. */
  public synchronized void nominate(PodInfo pod, String node) {
    remove(pod.key);
    if (!node.isEmpty()) {
      put(new Nominated(pod, node, false));
    }
  }

  /** The pod left: bound (assumed), deleted, or not to schedule any more. */
  public synchronized void remove(String podKey) {
    Nominated was = byKey.remove(podKey);
    if (was != null) {
      List<PodInfo> on = byNode.get(was.node());
      on.remove(was.pod());
      if (on.isEmpty()) {
        byNode.remove(was.node());
      }
    }
  }

  /** The node the pod is nominated to, or "". */
  public synchronized String nodeOf(String podKey) {
    Nominated n = byKey.get(podKey);
    return n == null ? "" : n.node();
  }

  /** The pods nominated to the node, but the given one, with at least its priority. */
  public synchronized List<PodInfo> atLeast(String node, PodInfo pod) {
    List<PodInfo> out = new ArrayList<>();
    for (PodInfo p : byNode.getOrDefault(node, List.of())) {
      if (p.priority >= pod.priority && !p.key.equals(pod.key)) {
        out.add(p);
      }
    }
    return out;
  }

  /** The pods nominated to the node with a priority below the given one's. */
  public synchronized List<PodInfo> below(String node, PodInfo pod) {
    List<PodInfo> out = new ArrayList<>();
    for (PodInfo p : byNode.getOrDefault(node, List.of())) {
      if (p.priority < pod.priority) {
        out.add(p);
      }
    }
    return out;
  }

  private void put(Nominated n) {
    byKey.put(n.pod().key, n);
    byNode.computeIfAbsent(n.node(), k -> new ArrayList<>()).add(n.pod());
  }
}
