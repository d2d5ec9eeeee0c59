package io.logplane.scheduler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An in-memory store for scheduler tests: detached informers, and a writer that applies each
 * write to them at once at the next "offset" with the state machine's preconditions. A bind
 * sets the pod's nodeName once (a second is refused, as the log would). Binds can be held to
 * show them in flight, and then completed or failed.
 */
final class MemoryCluster implements ObjectWriter {

  final Informers informers = Informers.detached();
  private final List<Runnable> heldBinds = new ArrayList<>();
  private long offset;
  boolean holdBinds;
  /** When set, binds are refused with this message (a write path that says no). */
  String refuseBinds;

  synchronized ObjectNode put(Key key, ObjectNode object) {
    Metadata.of(object).put("resourceVersion", Long.toString(++offset));
    informers.informer(prefix(key)).apply(key.toString(), object, offset);
    return object;
  }

  synchronized ObjectNode get(Key key) {
    return informers.informer(prefix(key)).get(key.toString());
  }

  synchronized void remove(Key key) {
    informers.informer(prefix(key)).apply(key.toString(), null, ++offset);
  }

  /** The objects under a prefix ({@code core/events/}). */
  List<ObjectNode> list(String prefix) {
    return informers.informer(prefix).list();
  }

  @Override
  public synchronized CompletableFuture<ObjectNode> create(Key key, ObjectNode object) {
    if (get(key) != null) {
      return refused(Reason.ALREADY_EXISTS, key + " exists");
    }
    return CompletableFuture.completedFuture(put(key, object.deepCopy()));
  }

  @Override
  public synchronized CompletableFuture<ObjectNode> update(Key key, ObjectNode object) {
    return updateSubresource(key, "", object);
  }

  @Override
  public synchronized CompletableFuture<ObjectNode> updateSubresource(Key key, String subresource, ObjectNode object) {
    ObjectNode current = get(key);
    if (current == null) {
      return refused(Reason.NOT_FOUND, key + " not found");
    }
    long rv = Metadata.resourceVersion(object);
    if (rv > 0 && rv != Metadata.resourceVersion(current)) {
      return refused(Reason.CONFLICT, key + " was modified");
    }
    return CompletableFuture.completedFuture(put(key, object.deepCopy()));
  }

  @Override
  public synchronized CompletableFuture<ObjectNode> delete(Key key, String uid, String propagation) {
    ObjectNode current = get(key);
    if (current == null) {
      return refused(Reason.NOT_FOUND, key + " not found");
    }
    remove(key);
    return CompletableFuture.completedFuture(current);
  }

  @Override
  public synchronized CompletableFuture<ObjectNode> bind(Key pod, String podUid, String nodeName) {
    CompletableFuture<ObjectNode> done = new CompletableFuture<>();
    Runnable apply = () -> {
      synchronized (this) {
        ObjectNode current = get(pod);
        if (refuseBinds != null) {
          done.completeExceptionally(new WriteRefused(Reason.CONFLICT, refuseBinds));
          return;
        }
        if (current == null || !podUid.equals(Metadata.uid(current))
            || !current.path("spec").path("nodeName").asText("").isEmpty()) {
          done.completeExceptionally(new WriteRefused(Reason.CONFLICT, "pod " + pod.name() + " is already assigned"));
          return;
        }
        ObjectNode next = current.deepCopy();
        ((ObjectNode) next.get("spec")).put("nodeName", nodeName);
        done.complete(put(pod, next));
      }
    };
    if (holdBinds) {
      heldBinds.add(apply);
    } else {
      apply.run();
    }
    return done;
  }

  /** Applies the binds held so far, in order. */
  void releaseBinds() {
    List<Runnable> binds;
    synchronized (this) {
      binds = new ArrayList<>(heldBinds);
      heldBinds.clear();
    }
    binds.forEach(Runnable::run);
  }

  private static CompletableFuture<ObjectNode> refused(Reason reason, String message) {
    return CompletableFuture.failedFuture(new WriteRefused(reason, message));
  }

  static String prefix(Key key) {
    return key.group() + "/" + key.resource() + "/";
  }
}
