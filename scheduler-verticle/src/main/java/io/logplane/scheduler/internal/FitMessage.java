package io.logplane.scheduler.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * kube-scheduler's FitError text, as {@code kubectl describe pod} shows it under
 * FailedScheduling: {@code 0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had
 * untolerated taint {key: value}.} then what preemption said, itself a FitError over its dry
 * run when it found no candidate: {@code preemption: 0/5 nodes are available: 2 No preemption
 * victims found for incoming pod, 3 Preemption is not helpful for scheduling..}
 */
public final class FitMessage {

  public static final String NO_NODES = "no nodes available to schedule pods";

  private final int nodes;
  private final Map<String, Integer> reasons = new TreeMap<>();
  /** What a PreFilter refused the pod with, which kube's message gives instead of the counts. */
  private String preFilter;

  public FitMessage(int nodes) {
    this.nodes = nodes;
  }

  /** Counts one node's failure: each of its reasons once. */
  public FitMessage add(List<String> nodeReasons) {
    nodeReasons.forEach(r -> reasons.merge(r, 1, Integer::sum));
    return this;
  }

  /** A PreFilter's refusal, said once for all the nodes. */
  public FitMessage preFilter(String message) {
    preFilter = message;
    return this;
  }

  /** The message, with what PostFilter (preemption) said when it said something. */
  public String message(String postFilter) {
    String msg = "0/" + nodes + " nodes are available:";
    if (preFilter != null) {
      msg += " " + preFilter + ".";
    } else if (!reasons.isEmpty()) {
      msg += " " + histogram(reasons) + ".";
    }
    return postFilter == null || postFilter.isEmpty() ? msg : msg + " " + postFilter + ".";
  }

  /** "count reason" entries sorted as strings, as kube's sortReasonsHistogram. */
  private static String histogram(Map<String, Integer> counts) {
    List<String> entries = new ArrayList<>();
    counts.forEach((reason, n) -> entries.add(n + " " + reason));
    entries.sort(null);
    return String.join(", ", entries);
  }
}
