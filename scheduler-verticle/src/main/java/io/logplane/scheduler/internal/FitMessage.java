package io.logplane.scheduler.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * kube-scheduler's FitError text, as {@code kubectl describe pod} shows it under
 * FailedScheduling: {@code 0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had
 * untolerated taint {key: value}. preemption: 0/5 nodes are available: 2 No preemption victims
 * found for incoming pod, 3 Preemption is not helpful for scheduling..} No pod is ever
 * preempted here, so nodes where preemption could help have no victims.
 */
public final class FitMessage {

  public static final String NO_NODES = "no nodes available to schedule pods";

  private final int nodes;
  private final Map<String, Integer> reasons = new TreeMap<>();
  private int unresolvable;

  public FitMessage(int nodes) {
    this.nodes = nodes;
  }

  /** Counts one node's failure: each of its reasons once, and whether preemption could not help there. */
  public void add(List<String> nodeReasons, boolean nodeUnresolvable) {
    nodeReasons.forEach(r -> reasons.merge(r, 1, Integer::sum));
    if (nodeUnresolvable) {
      unresolvable++;
    }
  }

  public String message(boolean preemptNever) {
    String msg = "0/" + nodes + " nodes are available: " + histogram(reasons) + ".";
    String post;
    if (preemptNever) {
      post = "not eligible due to preemptionPolicy=Never.";
    } else {
      Map<String, Integer> preemption = new TreeMap<>();
      if (nodes - unresolvable > 0) {
        preemption.put("No preemption victims found for incoming pod", nodes - unresolvable);
      }
      if (unresolvable > 0) {
        preemption.put("Preemption is not helpful for scheduling", unresolvable);
      }
      post = "0/" + nodes + " nodes are available: " + histogram(preemption) + ".";
    }
    return msg + " preemption: " + post + ".";
  }

  /** "count reason" entries sorted as strings, as kube's sortReasonsHistogram. */
  private static String histogram(Map<String, Integer> counts) {
    List<String> entries = new ArrayList<>();
    counts.forEach((reason, n) -> entries.add(n + " " + reason));
    entries.sort(null);
    return String.join(", ", entries);
  }
}
