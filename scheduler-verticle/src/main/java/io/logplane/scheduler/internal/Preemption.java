package io.logplane.scheduler.internal;

import io.logplane.scheduler.internal.Victims.Candidate;
import io.logplane.scheduler.internal.plugins.Cycle;
import io.logplane.scheduler.internal.plugins.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * kube's DefaultPreemption PostFilter, pure: whether the pod may preempt, the nodes where
 * evicting pods could help (those that failed for a reason other than an unresolvable one), a
 * dry run of {@link Victims} on enough of them from a random offset, and the best candidate by
 * pickOneNodeForPreemption's rules. The scheduler then writes what it decided.
 */
public final class Preemption {

  public static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
  public static final int MIN_CANDIDATE_NODES_PERCENTAGE = 10;
  public static final int MIN_CANDIDATE_NODES_ABSOLUTE = 100;

  /**
   * What preemption decided: a candidate to act on, or none with the message that says why
   * (the FailedScheduling message's "preemption: ..." part), and whether the pod's nomination
   * is to be cleared (no node could help it any more).
   */
  public record Decision(Candidate candidate, String message, boolean clearNomination) {}

  private Preemption() {}

  /**
   * @param statuses each node's filter status in this cycle (the pod fit none)
   * @param offset   where the dry run starts among the nodes preemption might help on (random)
   * @param now      milliseconds now: pods not started yet count as starting now
   */
  public static Decision preempt(Cycle cycle, Map<String, Status> statuses, List<Pdb> pdbs, int offset, long now) {
    PodInfo pod = cycle.pod;
    String ineligible = ineligible(cycle, statuses);
    if (ineligible != null) {
      return new Decision(null, "preemption: " + ineligible, false);
    }
    Map<String, Status> outcome = new LinkedHashMap<>();
    List<NodeInfo> potential = new ArrayList<>();
    for (NodeInfo node : cycle.nodes) {
      Status s = statuses.get(node.name);
      if (s != null && s.unresolvable()) {
        outcome.put(node.name, Status.unresolvable(NOT_HELPFUL));
      } else {
        potential.add(node);
      }
    }
    List<Candidate> nonViolating = new ArrayList<>();
    List<Candidate> violating = new ArrayList<>();
    int wanted = candidatesToFind(potential.size());
    for (int i = 0; i < potential.size(); i++) {
      NodeInfo node = potential.get((offset + i) % potential.size());
      Victims.Outcome o = Victims.select(cycle, node, pdbs, now);
      if (o.candidate() == null) {
        outcome.put(node.name, o.status());
        continue;
      }
      (o.candidate().pdbViolations() == 0 ? nonViolating : violating).add(o.candidate());
      if (!nonViolating.isEmpty() && nonViolating.size() + violating.size() >= wanted) {
        break;
      }
    }
    List<Candidate> candidates = new ArrayList<>(nonViolating);
    candidates.addAll(violating);
    if (candidates.isEmpty()) {
      FitMessage why = new FitMessage(outcome.size());
      outcome.values().forEach(s -> why.add(s.reasons()));
      return new Decision(null, "preemption: " + why.message(null), true);
    }
    return new Decision(pick(candidates, now), "", false);
  }

  /**
   * kube's PodEligibleToPreemptOthers: not with preemptionPolicy Never, nor while pods it
   * preempted still terminate on its nominated node (unless that node cannot take it at all now).
   */
  static String ineligible(Cycle cycle, Map<String, Status> statuses) {
    PodInfo pod = cycle.pod;
    if (pod.preemptNever) {
      return "not eligible due to preemptionPolicy=Never.";
    }
    String nominated = cycle.nominated.nodeOf(pod.key);
    if (nominated.isEmpty() || statuses.get(nominated) != null && statuses.get(nominated).unresolvable()) {
      return null;
    }
    for (NodeInfo node : cycle.nodes) {
      if (node.name.equals(nominated)) {
        for (PodInfo p : node.pods.values()) {
          if (p.priority < pod.priority && p.terminatingByPreemption()) {
            return "not eligible due to a terminating pod on the nominated node.";
          }
        }
      }
    }
    return null;
  }

  /** kube's calculateNumCandidates with the default arguments (10 %, at least 100). */
  static int candidatesToFind(int nodes) {
    return Math.min(nodes, Math.max(nodes * MIN_CANDIDATE_NODES_PERCENTAGE / 100, MIN_CANDIDATE_NODES_ABSOLUTE));
  }

  /**
   * kube's pickOneNodeForPreemption: fewest budget violations, then the lowest priority of the
   * first victim, the smallest sum of priorities, the fewest victims, the latest start of the
   * highest-priority victims; then the first candidate.
   */
  public static Candidate pick(List<Candidate> candidates, long now) {
    List<ToLongFunction<Candidate>> scores = List.of(
        c -> -c.pdbViolations(),
        c -> -(long) c.pods().get(0).priority,
        c -> -c.pods().stream().mapToLong(p -> (long) p.priority + Integer.MAX_VALUE + 1L).sum(),
        c -> -c.pods().size(),
        c -> earliestStartOfHighest(c, now));
    List<Candidate> left = candidates;
    for (ToLongFunction<Candidate> score : scores) {
      List<Candidate> best = new ArrayList<>();
      long max = Long.MIN_VALUE;
      for (Candidate c : left) {
        long s = score.applyAsLong(c);
        if (s > max) {
          max = s;
          best.clear();
        }
        if (s == max) {
          best.add(c);
        }
      }
      if (best.size() == 1) {
        return best.get(0);
      }
      left = best;
    }
    return left.get(0);
  }

  /** kube's GetEarliestPodStartTime: the earliest start among the victims of the highest priority. */
  static long earliestStartOfHighest(Candidate c, long now) {
    PodInfo first = c.pods().get(0);
    long earliest = Victims.startOf(first, now);
    int max = first.priority;
    for (PodInfo p : c.pods()) {
      long start = Victims.startOf(p, now);
      if (p.priority == max) {
        earliest = Math.min(earliest, start);
      } else if (p.priority > max) {
        max = p.priority;
        earliest = start;
      }
    }
    return earliest;
  }
}
