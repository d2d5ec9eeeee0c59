package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * {@code cleanupDeployment}: of the old sets beyond revisionHistoryLimit, the lowest revisions
 * are deleted, provided they are scaled to zero, have no pod left, and their controller has
 * seen their latest spec.
 */
final class Cleanup {

  private Cleanup() {}

  static void oldSets(Rollout r) throws InterruptedException, ExecutionException {
    var limit = r.d().path("spec").get("revisionHistoryLimit");
    if (limit == null || !limit.isNumber() || limit.asInt() == Integer.MAX_VALUE) {
      return;
    }
    List<ObjectNode> alive = new ArrayList<>(r.oldSets().stream().filter(rs -> !Metadata.terminating(rs)).toList());
    int diff = alive.size() - limit.asInt();
    if (diff <= 0) {
      return;
    }
    alive.sort(Comparator.comparingLong(Revisions::of).thenComparing(Rollout.OLDEST_FIRST));
    for (ObjectNode rs : alive.subList(0, diff)) {
      if (Rollout.status(rs, "replicas") != 0 || Rollout.replicas(rs) != 0
          || rs.path("metadata").path("generation").asLong() > rs.path("status").path("observedGeneration").asLong()) {
        continue;
      }
      try {
        r.writer.delete(Rollout.key(rs), Metadata.uid(rs), null).get();
        r.sets.remove(rs);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof WriteRefused refused && refused.reason() == Reason.NOT_FOUND)) {
          throw e;
        }
      }
    }
  }
}
