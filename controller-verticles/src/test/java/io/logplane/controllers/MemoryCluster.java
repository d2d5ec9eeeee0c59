package io.logplane.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import io.logplane.projections.Reason;
import io.logplane.projections.WriteRefused;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.informers.Informers;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * An in-memory store for controller tests: detached informers, and a writer that applies each
 * write to them at the next "offset" with the state machine's preconditions (must not exist,
 * must be at the resourceVersion given, must exist) and its rules for workloads: a creation
 * time and generation 1 on create, an update keeps the status and bumps the generation when the
 * spec changed, a status update changes the status only, a delete takes the dependents along.
 * Finalizers hold a deleted object until an update removes the last. It records every write,
 * in order.
 */
public final class MemoryCluster implements ObjectWriter {

  public final Informers informers = Informers.detached();
  public final List<String> writes = new ArrayList<>();
  /** Creates it refuses (as a quota would), with FORBIDDEN. */
  public volatile Predicate<Key> refuseCreate = k -> false;
  /** Whether a deleted pod stays, terminating, until {@link #finishTerminating} (as a node ends it). */
  public volatile boolean gracefulPods;
  private final Clock clock;
  private long offset;
  private int names;

  public MemoryCluster(Clock clock) {
    this.clock = clock;
  }

  public MemoryCluster() {
    this(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC));
  }

  /** The time of the cluster's clock. */
  public Instant now() {
    return clock.instant();
  }

  public ControllerContext context(Clock clock) {
    return new ControllerContext(informers, actor -> this, null, clock);
  }

  /** Puts an object as if a client had created or replaced it, at a new offset. */
  public synchronized ObjectNode put(Key key, ObjectNode object) {
    Metadata.of(object).put("resourceVersion", Long.toString(++offset));
    informers.informer(prefix(key)).apply(key.toString(), object, offset);
    return object;
  }

  public synchronized ObjectNode get(Key key) {
    return informers.informer(prefix(key)).get(key.toString());
  }

  /** Every object of a kind ({@code core/pods/}). */
  public synchronized List<ObjectNode> list(String prefix) {
    return informers.informer(prefix).list();
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
    if (refuseCreate.test(key)) {
      writes.add("refused create " + key);
      return refused(Reason.FORBIDDEN, key.qualifiedResource() + " \"" + key.name() + "\" is forbidden: exceeded quota");
    }
    ObjectNode meta = Metadata.of(object);
    meta.put("uid", "uid-" + key.name());
    meta.put("creationTimestamp", Metadata.time(clock.millis()));
    if (key.group().equals("apps") || key.group().equals("batch")) {
      meta.put("generation", 1);
    }
    writes.add("create " + key);
    return CompletableFuture.completedFuture(put(key, object.deepCopy()));
  }

  @Override
  public synchronized CompletableFuture<ObjectNode> update(Key key, ObjectNode object) {
    return replace("update " + key, key, object, false);
  }

  @Override
  public synchronized CompletableFuture<ObjectNode> updateSubresource(Key key, String subresource, ObjectNode object) {
    return replace("update " + key + "/" + subresource, key, object, subresource.equals("status"));
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
      Metadata.of(next).put("deletionTimestamp", Metadata.time(clock.millis()));
      return CompletableFuture.completedFuture(put(key, next));
    }
    if (gracefulPods && key.resource().equals("pods")) {
      ObjectNode next = current.deepCopy();
      Metadata.of(next).put("deletionTimestamp", Metadata.time(clock.millis()));
      return CompletableFuture.completedFuture(put(key, next));
    }
    remove(key, current);
    return CompletableFuture.completedFuture(current);
  }

  /** Removes the terminating pods, as their nodes would once they stopped. */
  public synchronized void finishTerminating() {
    for (ObjectNode p : list("core/pods/")) {
      if (Metadata.terminating(p)) {
        remove(new Key("core", "pods", Metadata.text(p, "namespace"), Metadata.text(p, "name")), p);
      }
    }
  }

  private void remove(Key key, ObjectNode current) {
    informers.informer(prefix(key)).apply(key.toString(), null, ++offset);
    for (String prefix : new String[] {"apps/replicasets/", "core/pods/"}) {
      Informer informer = informers.informer(prefix);
      for (ObjectNode o : informer.list()) {
        for (JsonNode ref : Metadata.ownerReferences(o)) {
          if (ref.path("uid").asText().equals(Metadata.uid(current))) {
            Key dependent = Key.parse(prefix + Metadata.text(o, "namespace") + "/" + Metadata.text(o, "name"));
            if (Metadata.hasFinalizers(o)) {
              ObjectNode held = o.deepCopy();
              Metadata.of(held).put("deletionTimestamp", Metadata.time(clock.millis()));
              put(dependent, held);
            } else {
              remove(dependent, o);
            }
          }
        }
      }
    }
  }

  private CompletableFuture<ObjectNode> replace(String write, Key key, ObjectNode object, boolean statusOnly) {
    ObjectNode current = get(key);
    if (current == null) {
      return refused(Reason.NOT_FOUND, key + " not found");
    }
    long rv = Metadata.resourceVersion(object);
    if (rv > 0 && rv != Metadata.resourceVersion(current)) {
      return refused(Reason.CONFLICT, key + " was modified");
    }
    writes.add(write);
    if (!statusOnly && Metadata.terminating(object) && !Metadata.hasFinalizers(object)) {
      remove(key, current);
      return CompletableFuture.completedFuture(object);
    }
    ObjectNode next = statusOnly ? current.deepCopy() : object.deepCopy();
    if (statusOnly) {
      next.set("status", object.get("status") == null ? null : object.get("status").deepCopy());
    } else {
      next.set("status", current.get("status") == null ? null : current.get("status").deepCopy());
      long generation = current.path("metadata").path("generation").asLong();
      if (generation > 0) {
        Metadata.of(next).put("generation", specChanged(current, next) ? generation + 1 : generation);
      }
    }
    if (next.get("status") == null || next.get("status").isNull()) {
      next.remove("status");
    }
    return CompletableFuture.completedFuture(put(key, next));
  }

  private static boolean specChanged(ObjectNode a, ObjectNode b) {
    ObjectNode x = a.deepCopy();
    ObjectNode y = b.deepCopy();
    for (ObjectNode o : List.of(x, y)) {
      o.remove("metadata");
      o.remove("status");
    }
    return !x.equals(y);
  }

  private static CompletableFuture<ObjectNode> refused(Reason reason, String message) {
    return CompletableFuture.failedFuture(new WriteRefused(reason, message));
  }

  static String prefix(Key key) {
    return key.group() + "/" + key.resource() + "/";
  }
}
