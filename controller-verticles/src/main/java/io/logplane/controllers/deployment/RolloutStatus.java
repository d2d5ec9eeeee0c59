package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.Reconciler.Result;
import io.logplane.controllers.workload.Conditions;
import io.logplane.projections.Metadata;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The Deployment's status ({@code calculateStatus}, {@code syncRolloutStatus}): counts summed
 * over its sets, Available while at most maxUnavailable replicas are missing, and Progressing:
 * NewReplicaSetAvailable once complete, ReplicaSetUpdated (its update time renewed) while pods
 * move, ProgressDeadlineExceeded once nothing moved for progressDeadlineSeconds. These are what
 * {@code kubectl rollout status} reads.
 */
final class RolloutStatus {

  static final String AVAILABLE = "Available";
  static final String TIMED_OUT = "ProgressDeadlineExceeded";
  static final String COMPLETE = "NewReplicaSetAvailable";

  private RolloutStatus() {}

  static ObjectNode calculate(Rollout r, ObjectNode newSet) {
    List<ObjectNode> all = r.sets;
    int available = Rollout.sum(all, rs -> Rollout.status(rs, "availableReplicas"));
    ObjectNode status = r.d().objectNode();
    count(status, "observedGeneration", r.d().path("metadata").path("generation").asInt());
    count(status, "replicas", Rollout.sum(all, rs -> Rollout.status(rs, "replicas")));
    count(status, "updatedReplicas", Rollout.status(newSet, "replicas"));
    count(status, "readyReplicas", Rollout.sum(all, rs -> Rollout.status(rs, "readyReplicas")));
    count(status, "availableReplicas", available);
    count(status, "unavailableReplicas", Math.max(0, Rollout.sum(all, Rollout::replicas) - available));
    JsonNode old = r.d().path("status");
    if (old.has("collisionCount")) {
      status.set("collisionCount", old.get("collisionCount"));
    }
    if (old.get("conditions") != null) {
      status.set("conditions", old.get("conditions").deepCopy());
    }
    boolean minimum = available >= r.desired() - r.maxUnavailable();
    Conditions.set(status, Conditions.of(AVAILABLE, minimum ? "True" : "False",
        minimum ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
        minimum ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
        r.time(), true));
    return status;
  }

  /** Writes the status with its Progressing condition; the Result asks for a look at the deadline. */
  static Result sync(Rollout r, ObjectNode newSet) throws InterruptedException, ExecutionException {
    ObjectNode status = calculate(r, newSet);
    if (!r.hasProgressDeadline()) {
      Conditions.remove(status, NewReplicaSet.PROGRESSING);
    }
    ObjectNode current = Conditions.get(r.d().path("status"), NewReplicaSet.PROGRESSING);
    String rsName = newSet == null ? null : Metadata.text(newSet, "name");
    boolean completeAlready = status.path("replicas").asInt() == status.path("updatedReplicas").asInt()
        && current != null && current.path("reason").asText().equals(COMPLETE);
    if (r.hasProgressDeadline() && !completeAlready) {
      if (complete(r, status)) {
        Conditions.set(status, NewReplicaSet.condition(r, "True", COMPLETE, rsName == null
            ? "Deployment \"" + r.name() + "\" has successfully progressed."
            : "ReplicaSet \"" + rsName + "\" has successfully progressed."));
      } else if (progressing(r.d().path("status"), status)) {
        ObjectNode c = NewReplicaSet.condition(r, "True", "ReplicaSetUpdated", rsName == null
            ? "Deployment \"" + r.name() + "\" is progressing." : "ReplicaSet \"" + rsName + "\" is progressing.");
        if (current != null && current.path("status").asText().equals("True")) {
          c.set("lastTransitionTime", current.get("lastTransitionTime"));
        }
        Conditions.remove(status, NewReplicaSet.PROGRESSING);
        Conditions.set(status, c);
      } else if (timedOut(r, status)) {
        Conditions.set(status, NewReplicaSet.condition(r, "False", TIMED_OUT, rsName == null
            ? "Deployment \"" + r.name() + "\" has timed out progressing."
            : "ReplicaSet \"" + rsName + "\" has timed out progressing."));
      }
    }
    ReplicaFailures.carry(r, newSet, status);
    if (!io.logplane.controllers.workload.Trees.same(status, r.d().get("status"))) {
      r.writeStatus(status);
      return Result.DONE;
    }
    return stuck(r, status, current);
  }

  /** {@code DeploymentComplete}. */
  static boolean complete(Rollout r, JsonNode status) {
    int want = r.desired();
    return status.path("updatedReplicas").asInt() == want && status.path("replicas").asInt() == want
        && status.path("availableReplicas").asInt() == want
        && status.path("observedGeneration").asLong() >= r.d().path("metadata").path("generation").asLong();
  }

  private static boolean progressing(JsonNode old, JsonNode now) {
    int oldOld = old.path("replicas").asInt() - old.path("updatedReplicas").asInt();
    int newOld = now.path("replicas").asInt() - now.path("updatedReplicas").asInt();
    return now.path("updatedReplicas").asInt() > old.path("updatedReplicas").asInt() || newOld < oldOld
        || now.path("readyReplicas").asInt() > old.path("readyReplicas").asInt()
        || now.path("availableReplicas").asInt() > old.path("availableReplicas").asInt();
  }

  private static boolean timedOut(Rollout r, JsonNode status) {
    ObjectNode c = Conditions.get(status, NewReplicaSet.PROGRESSING);
    if (c == null || c.path("reason").asText().equals(COMPLETE)) {
      return false;
    }
    return c.path("reason").asText().equals(TIMED_OUT) || deadline(r, c).isBefore(r.now);
  }

  private static Instant deadline(Rollout r, JsonNode condition) {
    return Instant.parse(condition.path("lastUpdateTime").asText())
        .plusSeconds(r.d().path("spec").path("progressDeadlineSeconds").asInt());
  }

  /** {@code requeueStuckDeployment}: look again just after the deadline of a rollout that has not moved. */
  private static Result stuck(Rollout r, JsonNode status, ObjectNode current) {
    if (!r.hasProgressDeadline() || current == null || complete(r, status)
        || current.path("reason").asText().equals(TIMED_OUT)) {
      return Result.DONE;
    }
    Duration after = Duration.between(r.now, deadline(r, current));
    return Result.after(after.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : after.plusSeconds(1));
  }

  private static void count(ObjectNode status, String field, int n) {
    if (n != 0) {
      status.put(field, n);
    }
  }
}
