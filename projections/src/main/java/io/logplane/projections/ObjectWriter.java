package io.logplane.projections;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * How the scheduler and the controllers write objects: through the one write path, as one
 * actor. Each call completes with the object as it was stored (with its resourceVersion), or
 * fails with {@link WriteRefused} when the state machine rejected the write (the object changed
 * meanwhile, it exists already, it is gone), {@link TooManyRequests} when the write path pushes
 * back, or another exception when the outcome is unknown. Nobody here retries: a controller
 * reconciles again from the state it reads.
 */
public interface ObjectWriter {

  /**
   * Creates an object (its key from its metadata); the writer sets its uid and
   * creationTimestamp. A {@code metadata.generateName} without a name gets a free name.
   */
  CompletableFuture<ObjectNode> create(Key key, ObjectNode object);

  /** Replaces an object, provided it is still at the object's {@code metadata.resourceVersion} (when set). */
  CompletableFuture<ObjectNode> update(Key key, ObjectNode object);

  /**
   * Replaces what a subresource of an object holds ({@code status}, {@code finalize}), at the
   * object's resourceVersion (when set).
   */
  CompletableFuture<ObjectNode> updateSubresource(Key key, String subresource, ObjectNode object);

  /**
   * Sets the replicas of a scalable object, as the {@code scale} subresource: {@code object} is the
   * object with its new replicas, written at its resourceVersion (when set). A write of the object
   * itself, recorded as one of its scale, as the API records a PUT of the subresource.
   */
  default CompletableFuture<ObjectNode> scale(Key key, ObjectNode object) {
    return update(key, object);
  }

  /** Replaces the status of an object, as the {@code status} subresource, at its resourceVersion (when set). */
  default CompletableFuture<ObjectNode> updateStatus(Key key, ObjectNode object) {
    return updateSubresource(key, "status", object);
  }

  /**
   * Binds a pod (that uid, still without a node) to a node, as the {@code pods/binding}
   * subresource: the log decides which of several racing binds wins, the others are refused.
   */
  default CompletableFuture<ObjectNode> bind(Key pod, String podUid, String nodeName) {
    return updateSubresource(pod, "binding", binding(pod, podUid, nodeName));
  }

  /** The v1 Binding a bind writes: one place that says what the binding command carries. */
  static ObjectNode binding(Key pod, String podUid, String nodeName) {
    ObjectNode b = Json.MAPPER.createObjectNode().put("apiVersion", "v1").put("kind", "Binding");
    b.putObject("metadata").put("name", pod.name()).put("namespace", pod.namespace()).put("uid", podUid);
    b.putObject("target").put("kind", "Node").put("name", nodeName);
    return b;
  }

  /** Deletes an object with that uid (when not null), with a propagation policy (null: the kind's). */
  CompletableFuture<ObjectNode> delete(Key key, String uid, String propagation);
}
