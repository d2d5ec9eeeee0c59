package io.logplane.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.workload.Pods;
import io.logplane.projections.Metadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which surplus pods go first, as kube's {@code ActivePodsWithRanks} orders them (with its
 * default gates PodDeletionCost and LogarithmicScaleDown): unscheduled before scheduled, Pending
 * before Unknown before Running, not ready before ready, lower deletion cost, more pods of the
 * same owner on its node, ready more recently, more restarts, created more recently.
 */
final class PodsToDelete {

  static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";
  private static final Map<String, Integer> PHASE_ORDER = Map.of("Pending", 0, "Unknown", 1, "Running", 2);

  private PodsToDelete() {}

  /** The {@code count} pods to delete, out of pods; related are the pods of every set of the same owner. */
  static List<ObjectNode> choose(List<ObjectNode> pods, List<ObjectNode> related, int count, Instant now) {
    if (count >= pods.size()) {
      return pods;
    }
    Map<String, Integer> onNode = new HashMap<>();
    for (ObjectNode p : related) {
      if (Pods.active(p) && !node(p).isEmpty()) {
        onNode.merge(node(p), 1, Integer::sum);
      }
    }
    List<ObjectNode> ranked = new ArrayList<>(pods);
    ranked.sort(order(p -> onNode.getOrDefault(node(p), 0), now));
    return ranked.subList(0, count);
  }

  static Comparator<ObjectNode> order(java.util.function.ToIntFunction<ObjectNode> rank, Instant now) {
    return (a, b) -> {
      if (!node(a).equals(node(b)) && (node(a).isEmpty() || node(b).isEmpty())) {
        return node(a).isEmpty() ? -1 : 1;
      }
      int phase = Integer.compare(PHASE_ORDER.getOrDefault(Pods.phase(a), 0), PHASE_ORDER.getOrDefault(Pods.phase(b), 0));
      if (phase != 0) {
        return phase;
      }
      if (Pods.ready(a) != Pods.ready(b)) {
        return Pods.ready(a) ? 1 : -1;
      }
      int cost = Integer.compare(cost(a), cost(b));
      if (cost != 0) {
        return cost;
      }
      int doubled = Integer.compare(rank.applyAsInt(b), rank.applyAsInt(a));
      if (doubled != 0) {
        return doubled;
      }
      if (Pods.ready(a) && Pods.ready(b)) {
        int readyTime = newerFirst(a, b, Pods.readySince(a), Pods.readySince(b), now);
        if (readyTime != 0) {
          return readyTime;
        }
      }
      int restarts = Integer.compare(Pods.maxRestarts(b), Pods.maxRestarts(a));
      return restarts != 0 ? restarts : newerFirst(a, b, created(a), created(b), now);
    };
  }

  /** Later times first, zero times before all; times in the same power-of-two age bucket by uid. */
  private static int newerFirst(JsonNode a, JsonNode b, Instant ta, Instant tb, Instant now) {
    if (ta == null || tb == null) {
      return ta == tb ? 0 : ta == null ? -1 : 1;
    }
    if (ta.equals(tb)) {
      return 0;
    }
    int diff = Integer.compare(bucket(ta, now), bucket(tb, now));
    return diff != 0 ? diff : String.valueOf(Metadata.uid(a)).compareTo(String.valueOf(Metadata.uid(b)));
  }

  private static int bucket(Instant t, Instant now) {
    long nanos = java.time.Duration.between(t, now).toNanos();
    return nanos > 0 ? 63 - Long.numberOfLeadingZeros(nanos) : -1;
  }

  private static String node(JsonNode pod) {
    return pod.path("spec").path("nodeName").asText("");
  }

  private static int cost(JsonNode pod) {
    try {
      return Integer.parseInt(pod.path("metadata").path("annotations").path(DELETION_COST).asText("0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static Instant created(JsonNode pod) {
    String t = Metadata.text(pod, "creationTimestamp");
    return t == null || t.isEmpty() ? null : Instant.parse(t);
  }
}
