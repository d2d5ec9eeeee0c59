package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.workload.Conditions;

/**
 * The ReplicaFailure condition of a Deployment ({@code getReplicaFailures}): its new set's, or
 * else any set's, with the set's transition time as both of the Deployment condition's times.
 */
final class ReplicaFailures {

  static final String TYPE = "ReplicaFailure";

  private ReplicaFailures() {}

  static void carry(Rollout r, ObjectNode newSet, ObjectNode status) {
    JsonNode failure = newSet == null ? null : Conditions.get(newSet.path("status"), TYPE);
    for (int i = 0; failure == null && i < r.sets.size(); i++) {
      failure = Conditions.get(r.sets.get(i).path("status"), TYPE);
    }
    if (failure == null) {
      Conditions.remove(status, TYPE);
      return;
    }
    ObjectNode c = Conditions.of(TYPE, failure.path("status").asText(), failure.path("reason").asText(),
        failure.path("message").asText(), failure.path("lastTransitionTime").asText(), true);
    Conditions.set(status, c);
  }
}
