package io.logplane.launcher.election;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informer;
import java.util.concurrent.CompletableFuture;

/**
 * The Leases of a test in memory, with the state machine's preconditions (create: must not
 * exist; update: must be at the given resourceVersion), and a switch that makes writes fail as
 * an unreachable log would.
 */
final class LeaseStore implements ObjectWriter {

  final Informer leases = new Informer("coordination.k8s.io/leases/");
  boolean down;
  private long offset;

  @Override
  public synchronized CompletableFuture<ObjectNode> create(Key key, ObjectNode object) {
    if (down) {
      return CompletableFuture.failedFuture(new IllegalStateException("log unreachable"));
    }
    if (leases.get(key.toString()) != null) {
      return CompletableFuture.failedFuture(new WriteRefused(Reason.ALREADY_EXISTS, "exists"));
    }
    return put(key, object);
  }

  @Override
  public synchronized CompletableFuture<ObjectNode> update(Key key, ObjectNode object) {
    if (down) {
      return CompletableFuture.failedFuture(new IllegalStateException("log unreachable"));
    }
    ObjectNode current = leases.get(key.toString());
    if (current == null || Metadata.resourceVersion(current) != Metadata.resourceVersion(object)) {
      return CompletableFuture.failedFuture(new WriteRefused(Reason.CONFLICT, "modified"));
    }
    return put(key, object);
  }

  @Override
  public CompletableFuture<ObjectNode> updateSubresource(Key key, String subresource, ObjectNode object) {
    throw new UnsupportedOperationException();
  }

  @Override
  public CompletableFuture<ObjectNode> delete(Key key, String uid, String propagation) {
    throw new UnsupportedOperationException();
  }

  private CompletableFuture<ObjectNode> put(Key key, ObjectNode object) {
    ObjectNode stored = object.deepCopy();
    Metadata.of(stored).put("resourceVersion", Long.toString(++offset));
    leases.apply(key.toString(), stored, offset);
    return CompletableFuture.completedFuture(stored);
  }

  ObjectNode lease() {
    return leases.get("coordination.k8s.io/leases/kube-system/kube-controller-manager");
  }
}
