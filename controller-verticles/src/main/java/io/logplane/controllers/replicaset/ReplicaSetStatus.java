package io.logplane.controllers.replicaset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.workload.Conditions;
import io.logplane.controllers.workload.Pods;
import io.logplane.projections.Metadata;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A set's status from its active pods ({@code calculateStatus}): replicas, fully labeled, ready
 * and available (ready for minReadySeconds) counts, the generation observed, and the
 * ReplicaFailure condition while creating or deleting pods fails. Zero counts are left out, as
 * kube's omitempty fields are, but for {@code replicas}.
 */
final class ReplicaSetStatus {

  static final String REPLICA_FAILURE = "ReplicaFailure";

  private ReplicaSetStatus() {}

  /** The status to hold; {@code failureReason} (FailedCreate, FailedDelete) null when managing pods went well. */
  static ObjectNode of(ObjectNode set, List<ObjectNode> pods, String failureReason, Exception failure, Instant now) {
    JsonNode current = set.get("status");
    ObjectNode status = current instanceof ObjectNode o ? o.deepCopy() : set.objectNode();
    JsonNode templateLabels = set.path("spec").path("template").path("metadata").path("labels");
    int minReady = set.path("spec").path("minReadySeconds").asInt();
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    for (ObjectNode p : pods) {
      fullyLabeled += hasAll(p.path("metadata").path("labels"), templateLabels) ? 1 : 0;
      ready += Pods.ready(p) ? 1 : 0;
      available += Pods.available(p, minReady, now) ? 1 : 0;
    }
    status.put("replicas", pods.size());
    count(status, "fullyLabeledReplicas", fullyLabeled);
    count(status, "readyReplicas", ready);
    count(status, "availableReplicas", available);
    count(status, "observedGeneration", set.path("metadata").path("generation").asLong());
    ObjectNode failureCondition = Conditions.get(status, REPLICA_FAILURE);
    if (failure != null && failureCondition == null) {
      Conditions.set(status, Conditions.of(REPLICA_FAILURE, "True", failureReason, message(failure),
          Metadata.time(now.toEpochMilli()), false));
    } else if (failure == null && failureCondition != null) {
      Conditions.remove(status, REPLICA_FAILURE);
    }
    return status;
  }

  private static String message(Exception e) {
    Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
    return String.valueOf(cause.getMessage());
  }

  private static void count(ObjectNode status, String field, long n) {
    if (n == 0) {
      status.remove(field);
    } else {
      status.put(field, n);
    }
  }

  private static boolean hasAll(JsonNode labels, JsonNode wanted) {
    for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
        return false;
      }
    }
    return true;
  }
}
