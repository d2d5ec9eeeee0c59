package io.logplane.scheduler.internal;

import io.logplane.scheduler.internal.plugins.Cycle;
import io.logplane.scheduler.internal.plugins.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The fewest pods to evict from one node so that a pod fits there, as kube's
 * SelectVictimsOnNode: remove every pod of lower priority; if the pod fits then, add them back
 * one by one, those whose eviction would break a PodDisruptionBudget first, each group from the
 * most important (highest priority, then started earliest), keeping back each one the pod still
 * fits beside. Pure: the node is copied, the cycle's pre-steps recomputed over the copy.
 */
public final class Victims {

  public static final String NONE_FOUND = "No preemption victims found for incoming pod";

  /** The victims on a node, in the order they were chosen, and how many of them break a budget. */
  public record Candidate(String node, List<PodInfo> pods, int pdbViolations) {}

  /** A candidate, or the status that says why evicting pods on the node cannot help. */
  public record Outcome(Candidate candidate, Status status) {}

  private Victims() {}

  /** @param now milliseconds now: a pod that has not started yet counts as starting now */
  public static Outcome select(Cycle cycle, NodeInfo node, List<Pdb> pdbs, long now) {
    PodInfo pod = cycle.pod;
    NodeInfo copy = node.copy();
    List<PodInfo> potential = new ArrayList<>();
    for (PodInfo p : node.pods.values()) {
      if (p.priority < pod.priority) {
        potential.add(p);
        copy.removePod(p.uid);
      }
    }
    if (potential.isEmpty()) {
      return new Outcome(null, Status.unresolvable(NONE_FOUND));
    }
    Status fits = Algorithm.filter(cycle.with(copy), pod, copy);
    if (fits != null) {
      return new Outcome(null, fits);
    }
    potential.sort(moreImportantFirst(now));
    List<PodInfo> violating = new ArrayList<>();
    List<PodInfo> nonViolating = new ArrayList<>();
    splitByBudgets(potential, pdbs, violating, nonViolating);
    List<PodInfo> victims = new ArrayList<>();
    int violations = 0;
    for (PodInfo p : violating) {
      if (!reprieve(cycle, copy, p)) {
        victims.add(p);
        violations++;
      }
    }
    for (PodInfo p : nonViolating) {
      if (!reprieve(cycle, copy, p)) {
        victims.add(p);
      }
    }
    return new Outcome(new Candidate(node.name, victims, violations), null);
  }

  /** Adds the pod back to the node; true when the preemptor still fits, else it is taken out again. */
  private static boolean reprieve(Cycle cycle, NodeInfo copy, PodInfo p) {
    copy.addPod(p);
    if (Algorithm.filter(cycle.with(copy), cycle.pod, copy) == null) {
      return true;
    }
    copy.removePod(p.uid);
    return false;
  }

  /** kube's MoreImportantPod: higher priority, then the earlier start (not started: now). */
  static Comparator<PodInfo> moreImportantFirst(long now) {
    return Comparator.comparingInt((PodInfo p) -> -p.priority).thenComparingLong(p -> startOf(p, now));
  }

  static long startOf(PodInfo p, long now) {
    return p.startMillis < 0 ? now : p.startMillis;
  }

  /**
   * kube's filterPodsWithPDBViolation: each pod, in order, spends one disruption of every budget
   * that covers it; it violates one when a budget it spends goes below zero. Keeps the order.
   */
  static void splitByBudgets(List<PodInfo> pods, List<Pdb> pdbs, List<PodInfo> violating, List<PodInfo> nonViolating) {
    int[] allowed = new int[pdbs.size()];
    for (int i = 0; i < allowed.length; i++) {
      allowed[i] = pdbs.get(i).disruptionsAllowed();
    }
    for (PodInfo p : pods) {
      boolean violates = false;
      for (int i = 0; i < allowed.length; i++) {
        if (pdbs.get(i).counts(p) && --allowed[i] < 0) {
          violates = true;
        }
      }
      (violates ? violating : nonViolating).add(p);
    }
  }
}
