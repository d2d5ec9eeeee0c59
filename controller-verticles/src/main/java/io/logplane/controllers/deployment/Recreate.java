package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Reconciler.Result;
import io.logplane.controllers.workload.Owners;
import io.logplane.controllers.workload.Pods;
import io.logplane.projections.Metadata;
import io.logplane.projections.informers.Informer;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The Recreate strategy ({@code rolloutRecreate}): scale every old set to zero, wait until no
 * pod of theirs is left running (terminating ones included), then create or scale up the new
 * set to the full size at once.
 */
final class Recreate {

  private Recreate() {}

  static Result rollout(Rollout r, Informer sets, List<ObjectNode> pods) throws InterruptedException, ExecutionException {
    ObjectNode newSet = NewReplicaSet.get(r, sets, false);
    boolean scaledDown = false;
    for (ObjectNode old : Rollout.active(r.oldSets())) {
      scaledDown |= r.scaleTo(old, 0);
    }
    if (scaledDown || oldPodsRunning(r, newSet, pods)) {
      return RolloutStatus.sync(r, r.newSet());
    }
    if (newSet == null) {
      newSet = NewReplicaSet.get(r, sets, true);
    }
    r.scaleTo(r.newSet(), r.desired());
    if (RolloutStatus.complete(r, r.d().path("status"))) {
      Cleanup.oldSets(r);
    }
    return RolloutStatus.sync(r, r.newSet());
  }

  /** Whether a pod of an old set still runs or may ({@code oldPodsRunning}): any not Succeeded or Failed. */
  private static boolean oldPodsRunning(Rollout r, ObjectNode newSet, List<ObjectNode> pods) {
    if (Rollout.sum(r.oldSets(), rs -> Rollout.status(rs, "replicas")) > 0) {
      return true;
    }
    String newUid = newSet == null ? null : Metadata.uid(newSet);
    for (ObjectNode old : r.oldSets()) {
      if (Metadata.uid(old).equals(newUid)) {
        continue;
      }
      for (ObjectNode p : pods) {
        String phase = Pods.phase(p);
        if (Owners.controlledBy(p, Metadata.uid(old)) && !phase.equals("Succeeded") && !phase.equals("Failed")) {
          return true;
        }
      }
    }
    return false;
  }
}
