package io.logplane.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.controllers.workload.Conditions;
import io.logplane.controllers.workload.Owners;
import io.logplane.projections.Metadata;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informer;
import java.util.concurrent.ExecutionException;

/**
 * The ReplicaSet of the Deployment's current template ({@code getNewReplicaSet}): an existing
 * one has its revision brought to the newest and the Deployment's annotations copied; a missing
 * one is created (when asked) as {@code <deployment>-<pod-template-hash>}, its selector and
 * template labels carrying the hash. A name taken by another set bumps {@code
 * status.collisionCount}, so the next pass hashes to another name.
 */
final class NewReplicaSet {

  static final String PROGRESSING = "Progressing";

  private NewReplicaSet() {}

  static ObjectNode get(Rollout r, Informer sets, boolean create) throws InterruptedException, ExecutionException {
    ObjectNode existing = r.newSet();
    long newRevision = Revisions.max(r.oldSets()) + 1;
    if (existing != null) {
      ObjectNode copy = existing.deepCopy();
      boolean annotated = Revisions.setNewSetAnnotations(r, copy, newRevision, true);
      JsonNode minReady = r.d().path("spec").path("minReadySeconds");
      if (annotated || copy.path("spec").path("minReadySeconds").asInt() != minReady.asInt()) {
        ((ObjectNode) copy.get("spec")).put("minReadySeconds", minReady.asInt());
        return r.replace(existing, r.writer.update(Rollout.key(copy), copy).get());
      }
      ObjectNode status = r.statusCopy();
      if (r.hasProgressDeadline() && Conditions.get(status, PROGRESSING) == null) {
        Conditions.set(status, condition(r, "True", "FoundNewReplicaSet",
            "Found new replica set \"" + Metadata.text(existing, "name") + "\""));
      }
      syncRevision(r, Revisions.of(existing));
      r.writeStatus(status);
      return existing;
    }
    return create ? create(r, sets, newRevision) : null;
  }

  private static ObjectNode create(Rollout r, Informer sets, long revision)
      throws InterruptedException, ExecutionException {
    JsonNode collisions = r.d().path("status").get("collisionCount");
    ObjectNode rs = ReplicaSetTemplate.of(r, collisions == null ? null : collisions.asInt());
    java.util.List<ObjectNode> all = new java.util.ArrayList<>(r.oldSets());
    all.add(rs);
    ((ObjectNode) rs.get("spec")).put("replicas", Scaling.newSetReplicas(r, all, rs));
    Revisions.setNewSetAnnotations(r, rs, revision, false);
    ObjectNode created;
    try {
      created = r.writer.create(Rollout.key(rs), rs).get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof WriteRefused refused)) {
        throw e;
      }
      if (refused.reason() == Reason.ALREADY_EXISTS) {
        ObjectNode taken = sets.get(Rollout.key(rs).toString());
        if (taken != null && Owners.controlledBy(taken, Metadata.uid(r.d()))
            && TemplateHash.equalIgnoringHash(taken.path("spec").path("template"), r.d().path("spec").path("template"))) {
          return r.replace(taken, taken);
        }
        ObjectNode status = r.statusCopy();
        status.put("collisionCount", collisions == null ? 1 : collisions.asInt() + 1);
        r.writeStatus(status);
        throw e;
      }
      if (refused.reason() != Reason.FORBIDDEN && r.hasProgressDeadline()) {
        ObjectNode status = r.statusCopy();
        Conditions.set(status, condition(r, "False", "ReplicaSetCreateError", "Failed to create new replica set \""
            + Metadata.text(rs, "name") + "\": " + refused.getMessage()));
        r.writeStatus(status);
      }
      throw e;
    }
    r.replace(created, created);
    int replicas = created.path("spec").path("replicas").asInt();
    if (replicas > 0) {
      r.events.normal(r.d(), "ScalingReplicaSet", "Scaled up replica set " + Metadata.text(created, "name") + " to "
          + replicas);
    }
    syncRevision(r, revision);
    if (r.hasProgressDeadline()) {
      ObjectNode status = r.statusCopy();
      Conditions.set(status, condition(r, "True", "NewReplicaSetCreated",
          "Created new replica set \"" + Metadata.text(created, "name") + "\""));
      r.writeStatus(status);
    }
    return created;
  }

  /** {@code SetDeploymentRevision}: the Deployment's revision annotation follows its new set's. */
  static void syncRevision(Rollout r, long revision) throws InterruptedException, ExecutionException {
    String value = Long.toString(revision);
    if (!value.equals(r.d().path("metadata").path("annotations").path(Revisions.REVISION).asText(null))) {
      ObjectNode next = r.d().deepCopy();
      Revisions.annotations(next).put(Revisions.REVISION, value);
      r.writeMetadata(next);
    }
  }

  static ObjectNode condition(Rollout r, String status, String reason, String message) {
    return Conditions.of(PROGRESSING, status, reason, message, r.time(), true);
  }
}
