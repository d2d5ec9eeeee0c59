package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.workload.Conditions;
import java.util.concurrent.ExecutionException;

/**
 * {@code checkPausedConditions}: a paused Deployment's Progressing condition says so (Unknown,
 * DeploymentPaused), and says DeploymentResumed once resumed, so its progress deadline does not
 * run while it is paused. A timed-out rollout keeps its condition.
 */
final class Paused {

  private Paused() {}

  static void checkConditions(Rollout r) throws InterruptedException, ExecutionException {
    if (!r.hasProgressDeadline()) {
      return;
    }
    ObjectNode status = r.statusCopy();
    ObjectNode current = Conditions.get(status, NewReplicaSet.PROGRESSING);
    if (current != null && current.path("reason").asText().equals(RolloutStatus.TIMED_OUT)) {
      return;
    }
    boolean paused = r.d().path("spec").path("paused").asBoolean(false);
    boolean pausedCondition = current != null && current.path("reason").asText().equals("DeploymentPaused");
    if (paused && !pausedCondition) {
      Conditions.set(status, NewReplicaSet.condition(r, "Unknown", "DeploymentPaused", "Deployment is paused"));
    } else if (!paused && pausedCondition) {
      Conditions.set(status, NewReplicaSet.condition(r, "Unknown", "DeploymentResumed", "Deployment is resumed"));
    } else {
      return;
    }
    r.writeStatus(status);
  }
}
