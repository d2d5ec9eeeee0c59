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

  /** Replaces the status of an object, as the {@code status} subresource, at its resourceVersion (when set). */
  default CompletableFuture<ObjectNode> updateStatus(Key key, ObjectNode object) {
    return updateSubresource(key, "status", object);
  }

  /** Deletes an object with that uid (when not null), with a propagation policy (null: the kind's). */
  CompletableFuture<ObjectNode> delete(Key key, String uid, String propagation);
}
