package io.logplane.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An in-memory store for controller tests: detached informers, and a writer that applies each
 * write to them at the next "offset" with the state machine's preconditions (must not exist,
 * must be at the resourceVersion given, must exist), finalizers holding a deleted object until
 * an update removes the last. It records every write, in order.
 */
public final class MemoryCluster implements ObjectWriter {

  public final Informers informers = Informers.detached();
  public final List<String> writes = new ArrayList<>();
  private long offset;
  private int names;

  public ControllerContext context(Clock clock) {
    return new ControllerContext(informers, actor -> this, null, clock);
  }

  /** Puts an object as if a client had created it, at a new offset. */
  public synchronized ObjectNode put(Key key, ObjectNode object) {
    Metadata.of(object).put("resourceVersion", Long.toString(++offset));
    informers.informer(prefix(key)).apply(key.toString(), object, offset);
    return object;
  }

  public synchronized ObjectNode get(Key key) {
    return informers.informer(prefix(key)).get(key.toString());
  }

  @Override
  public synchronized CompletableFuture<ObjectNode> create(Key key, ObjectNode object) {
    if (key.name().isEmpty()) {
      key = key.withName(Metadata.text(object, "generateName") + "x" + (++names));
      Metadata.of(object).put("name", key.name());
    }
    if (get(key) != null) {
      return refused(Reason.ALREADY_EXISTS, key + " exists");
    }
    Metadata.of(object).put("uid", "uid-" + key.name());
    writes.add("create " + key);
    return CompletableFuture.completedFuture(put(key, object.deepCopy()));
  }

  @Override
  public synchronized CompletableFuture<ObjectNode> update(Key key, ObjectNode object) {
    return replace("update " + key, key, object);
  }

  @Override
  public synchronized CompletableFuture<ObjectNode> updateSubresource(Key key, String subresource, ObjectNode object) {
    return replace("update " + key + "/" + subresource, key, object);
  }

  @Override
  public synchronized CompletableFuture<ObjectNode> delete(Key key, String uid, String propagation) {
    ObjectNode current = get(key);
    if (current == null) {
      return refused(Reason.NOT_FOUND, key + " not found");
    }
    writes.add("delete " + key);
    if (Metadata.hasFinalizers(current)) {
      // as the state machine: finalizers hold the object, terminating, until they are removed
      ObjectNode next = current.deepCopy();
      Metadata.of(next).put("deletionTimestamp", "1970-01-01T00:00:00Z");
      return CompletableFuture.completedFuture(put(key, next));
    }
    informers.informer(prefix(key)).apply(key.toString(), null, ++offset);
    return CompletableFuture.completedFuture(current);
  }

  private CompletableFuture<ObjectNode> replace(String write, Key key, ObjectNode object) {
    ObjectNode current = get(key);
    if (current == null) {
      return refused(Reason.NOT_FOUND, key + " not found");
    }
    long rv = Metadata.resourceVersion(object);
    if (rv > 0 && rv != Metadata.resourceVersion(current)) {
      return refused(Reason.CONFLICT, key + " was modified");
    }
    writes.add(write);
    if (Metadata.terminating(object) && !Metadata.hasFinalizers(object)) {
      informers.informer(prefix(key)).apply(key.toString(), null, ++offset);
      return CompletableFuture.completedFuture(object);
    }
    return CompletableFuture.completedFuture(put(key, object.deepCopy()));
  }

  private static CompletableFuture<ObjectNode> refused(Reason reason, String message) {
    return CompletableFuture.failedFuture(new WriteRefused(reason, message));
  }

  static String prefix(Key key) {
    return key.group() + "/" + key.resource() + "/";
  }
}
