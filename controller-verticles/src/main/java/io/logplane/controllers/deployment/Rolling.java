package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Reconciler.Result;
import io.logplane.projections.informers.Informer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The RollingUpdate strategy ({@code rolloutRolling}): grow the new set up to desired + maxSurge
 * pods in all, else shrink the old ones, first their unavailable pods, then as far as leaves
 * desired - maxUnavailable available; old sets beyond the history limit go once it is done.
 */
final class Rolling {

  private Rolling() {}

  static Result rollout(Rollout r, Informer sets) throws InterruptedException, ExecutionException {
    ObjectNode newSet = NewReplicaSet.get(r, sets, true);
    if (scaleUp(r, newSet) || scaleDownOld(r, newSet)) {
      return RolloutStatus.sync(r, r.newSet());
    }
    if (RolloutStatus.complete(r, r.d().path("status"))) {
      Cleanup.oldSets(r);
    }
    return RolloutStatus.sync(r, r.newSet());
  }

  private static boolean scaleUp(Rollout r, ObjectNode newSet) throws InterruptedException, ExecutionException {
    if (Rollout.replicas(newSet) == r.desired()) {
      return false;
    }
    if (Rollout.replicas(newSet) > r.desired()) {
      return r.scaleTo(newSet, r.desired());
    }
    return r.scaleTo(newSet, Scaling.newSetReplicas(r, r.sets, newSet));
  }

  private static boolean scaleDownOld(Rollout r, ObjectNode newSet) throws InterruptedException, ExecutionException {
    List<ObjectNode> old = Rollout.active(r.oldSets());
    if (Rollout.sum(old, Rollout::replicas) == 0) {
      return false;
    }
    int minAvailable = r.desired() - r.maxUnavailable();
    ObjectNode current = r.newSet();
    int newUnavailable = Rollout.replicas(current) - Rollout.status(current, "availableReplicas");
    int maxScaledDown = Rollout.sum(r.sets, Rollout::replicas) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return false;
    }
    int cleaned = 0;
    for (ObjectNode rs : new ArrayList<>(old)) {
      if (cleaned >= maxScaledDown) {
        break;
      }
      int unhealthy = Rollout.replicas(rs) - Rollout.status(rs, "availableReplicas");
      if (Rollout.replicas(rs) == 0 || unhealthy <= 0) {
        continue;
      }
      int down = Math.min(maxScaledDown - cleaned, unhealthy);
      r.scaleTo(rs, Rollout.replicas(rs) - down);
      cleaned += down;
    }
    int available = Rollout.sum(r.sets, rs -> Rollout.status(rs, "availableReplicas"));
    int scaledDown = 0;
    if (available > minAvailable) {
      int total = available - minAvailable;
      for (ObjectNode rs : Rollout.active(r.oldSets())) {
        if (scaledDown >= total) {
          break;
        }
        int down = Math.min(Rollout.replicas(rs), total - scaledDown);
        r.scaleTo(rs, Rollout.replicas(rs) - down);
        scaledDown += down;
      }
    }
    return cleaned + scaledDown > 0;
  }
}
