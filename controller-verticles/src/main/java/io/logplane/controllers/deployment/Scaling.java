package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.workload.IntOrPercent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Sizes: how far the new set may grow ({@code NewRSNewReplicas}), whether the Deployment was
 * scaled rather than changed ({@code isScalingEvent}), and the scaling itself ({@code scale}):
 * the one active set takes the new size; during a rollout every active set takes its share of
 * the change, in proportion to its size against the max-replicas it was sized for.
 */
final class Scaling {

  private Scaling() {}

  static int newSetReplicas(Rollout r, List<ObjectNode> all, ObjectNode newSet) {
    if (!r.rolling()) {
      return r.desired();
    }
    int surge = IntOrPercent.scaled(r.d().path("spec").path("strategy").path("rollingUpdate").get("maxSurge"),
        r.desired(), true, 0);
    int current = Rollout.sum(all, Rollout::replicas);
    int maxTotal = r.desired() + surge;
    if (current >= maxTotal) {
      return Rollout.replicas(newSet);
    }
    return Rollout.replicas(newSet) + Math.min(maxTotal - current, r.desired() - Rollout.replicas(newSet));
  }

  static boolean isScalingEvent(Rollout r) {
    List<ObjectNode> all = new ArrayList<>(r.sets);
    for (ObjectNode rs : Rollout.active(all)) {
      Integer desired = Revisions.desired(rs);
      if (desired != null && desired != r.desired()) {
        return true;
      }
    }
    return false;
  }

  static void scale(Rollout r, ObjectNode newSet, List<ObjectNode> oldSets) throws InterruptedException, ExecutionException {
    ObjectNode activeOrLatest = activeOrLatest(newSet, oldSets);
    if (activeOrLatest != null) {
      r.scaleTo(activeOrLatest, r.desired());
      return;
    }
    if (saturated(r, newSet)) {
      for (ObjectNode old : Rollout.active(oldSets)) {
        r.scaleTo(old, 0);
      }
      return;
    }
    if (!r.rolling()) {
      return;
    }
    List<ObjectNode> all = new ArrayList<>(oldSets);
    all.add(newSet);
    all = new ArrayList<>(Rollout.active(all));
    int allowed = r.desired() > 0 ? r.desired() + r.maxSurge() : 0;
    int toAdd = allowed - Rollout.sum(all, Rollout::replicas);
    Comparator<JsonNode> bySize = Comparator.comparingInt(Rollout::replicas).reversed();
    all.sort(bySize.thenComparing(toAdd > 0 ? Rollout.OLDEST_FIRST.reversed() : Rollout.OLDEST_FIRST));
    Map<ObjectNode, Integer> sizes = new HashMap<>();
    int added = 0;
    for (ObjectNode rs : all) {
      int share = toAdd == 0 ? 0 : proportion(r, rs, toAdd, added);
      sizes.put(rs, Rollout.replicas(rs) + share);
      added += share;
    }
    for (int i = 0; i < all.size(); i++) {
      ObjectNode rs = all.get(i);
      if (i == 0 && toAdd != 0) {
        sizes.put(rs, Math.max(0, sizes.get(rs) + toAdd - added));
      }
      r.scale(rs, sizes.get(rs));
    }
  }

  /** {@code GetProportion}: the set's share of toAdd, bounded by what is left of it. */
  private static int proportion(Rollout r, ObjectNode rs, int toAdd, int added) {
    if (Rollout.replicas(rs) == 0 || toAdd == added) {
      return 0;
    }
    int fraction;
    if (r.desired() == 0) {
      fraction = -Rollout.replicas(rs);
    } else {
      Integer annotated = Revisions.maxReplicas(rs);
      int base = annotated != null ? annotated : r.d().path("status").path("replicas").asInt();
      fraction = base <= 0 ? 0 : (int) Math.round((double) Rollout.replicas(rs) * (r.desired() + r.maxSurge()) / base)
          - Rollout.replicas(rs);
    }
    return toAdd > 0 ? Math.min(fraction, toAdd - added) : Math.max(fraction, toAdd - added);
  }

  /** {@code FindActiveOrLatest}: the only active set, or the newest when none is, or null. */
  private static ObjectNode activeOrLatest(ObjectNode newSet, List<ObjectNode> oldSets) {
    if (newSet == null && oldSets.isEmpty()) {
      return null;
    }
    List<ObjectNode> all = new ArrayList<>(oldSets);
    all.add(newSet);
    List<ObjectNode> active = Rollout.active(all);
    if (active.size() == 1) {
      return active.get(0);
    }
    if (!active.isEmpty()) {
      return null;
    }
    return newSet != null ? newSet : oldSets.stream().max(Rollout.OLDEST_FIRST).orElseThrow();
  }

  /** {@code IsSaturated}: the new set has, wants and makes available all the replicas. */
  static boolean saturated(Rollout r, ObjectNode rs) {
    Integer desired = rs == null ? null : Revisions.desired(rs);
    return desired != null && Rollout.replicas(rs) == r.desired() && desired == r.desired()
        && Rollout.status(rs, "availableReplicas") == r.desired();
  }
}
