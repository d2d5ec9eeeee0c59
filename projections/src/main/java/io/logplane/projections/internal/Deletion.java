package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.Command;
import io.logplane.projections.Change;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.Outcome;
import io.logplane.projections.Reason;
import java.util.Iterator;

/**
 * A delete record: preconditions, finalizers (the object stays, terminating, until they are
 * gone), the grace period of a pod a node runs (it stays, terminating, until its node agent
 * deletes it with grace 0; see {@link PodGrace}), and the cascade done in the same record —
 * dependents by ownerReference (Background and Foreground delete them with their kind's
 * default grace, as the garbage collector does; Orphan detaches them) and the content of a
 * deleted namespace. Doing the cascade here keeps it deterministic and atomic with the delete.
 */
public final class Deletion {

  private final Tx tx;
  private final Command.Delete d;
  private final String time;

  public Deletion(Tx tx, Command.Delete d) {
    this.tx = tx;
    this.d = d;
    this.time = Metadata.time(d.meta().timeMillis());
  }

  public Outcome run() {
    Key key = Key.parse(d.key());
    ObjectNode current = tx.get(d.key());
    if (current == null) {
      return new Outcome.Rejected(Reason.NOT_FOUND, key.qualifiedResource() + " \"" + key.name() + "\" not found");
    }
    if (d.expectedUid() != null && !d.expectedUid().equals(Metadata.uid(current))) {
      return new Outcome.Rejected(Reason.CONFLICT, "Precondition failed: UID in precondition: " + d.expectedUid()
          + ", UID in object meta: " + Metadata.uid(current));
    }
    if (d.expectedVersion() > 0 && d.expectedVersion() != Metadata.resourceVersion(current)) {
      return new Outcome.Rejected(Reason.CONFLICT, "Precondition failed: ResourceVersion in precondition: "
          + d.expectedVersion() + ", ResourceVersion in object meta: " + Metadata.resourceVersion(current));
    }
    ObjectNode result = delete(d.key(), current, d.propagation(), d.gracePeriodSeconds());
    return new Outcome.Accepted(result, tx.changes());
  }

  private ObjectNode delete(String key, ObjectNode current, String propagation, Long grace) {
    Key k = Key.parse(key);
    boolean pod = PodGrace.isPod(k);
    if (Metadata.terminating(current)) {
      return pod ? deleteAgain(key, current, grace) : current;
    }
    boolean orphan = "Orphan".equals(propagation);
    boolean foreground = "Foreground".equals(propagation);
    String uid = Metadata.uid(current);
    if (uid != null) {
      for (String dependent : tx.dependents(uid)) {
        if (orphan) {
          detach(dependent, uid);
        } else {
          deleteIfPresent(dependent, foreground ? propagation : null);
        }
      }
    }
    if (Namespaces.is(k) && Namespaces.hasSpecFinalizers(current)) {
      return tx.put(Change.Type.MODIFIED, key, Namespaces.terminating(current, time));
    }
    if (Namespaces.is(k)) {
      for (String member : tx.keysInNamespace(k.name())) {
        deleteIfPresent(member);
      }
    }
    long period = pod ? PodGrace.period(current, grace) : 0;
    if (period > 0) {
      ObjectNode next = PodGrace.terminating(Metadata.withOwnMetadata(current), d.meta().timeMillis(), period);
      bumpGeneration(Metadata.of(next));
      return tx.put(Change.Type.MODIFIED, key, next);
    }
    if (foreground && uid != null && Foreground.blocked(tx, uid)) {
      return Foreground.hold(tx, key, current, time);
    }
    if (Metadata.hasFinalizers(current)) {
      ObjectNode next = Metadata.withOwnMetadata(current);
      ObjectNode meta = Metadata.of(next);
      meta.put("deletionTimestamp", time);
      meta.put("deletionGracePeriodSeconds", 0);
      bumpGeneration(meta);
      return tx.put(Change.Type.MODIFIED, key, next);
    }
    if (Allocations.isService(k)) {
      new Allocations(tx).release(current);
    }
    return removed(key, Metadata.withOwnMetadata(current));
  }

  /** Removes the object, then lets go of owners that waited for it in a foreground deletion. */
  private ObjectNode removed(String key, ObjectNode last) {
    ObjectNode gone = tx.remove(key, last);
    Foreground.released(tx, last);
    return gone;
  }

  /** For a write other than a delete that removes an object (its last finalizer gone). */
  public static ObjectNode remove(Tx tx, String key, ObjectNode last) {
    ObjectNode gone = tx.remove(key, last);
    Foreground.released(tx, last);
    return gone;
  }

  /**
   * A delete of a pod already terminating: a pending grace period is only shortened (to 0, the
   * node agent's delete, it removes the pod unless finalizers hold it); one that finalizers
   * alone hold stays as it is.
   */
  private ObjectNode deleteAgain(String key, ObjectNode current, Long grace) {
    if (PodGrace.pending(current) == 0) {
      return Metadata.hasFinalizers(current) ? current : removed(key, Metadata.withOwnMetadata(current));
    }
    long period = PodGrace.shortened(current, grace);
    if (period < 0) {
      return current;
    }
    ObjectNode next = PodGrace.terminating(Metadata.withOwnMetadata(current), PodGrace.start(current), period);
    if (period > 0 || Metadata.hasFinalizers(next)) {
      return tx.put(Change.Type.MODIFIED, key, next);
    }
    return removed(key, next);
  }

  private static void bumpGeneration(ObjectNode meta) {
    if (meta.has("generation")) {
      meta.put("generation", meta.path("generation").asLong(1) + 1);
    }
  }

  private void deleteIfPresent(String key) {
    deleteIfPresent(key, null);
  }

  private void deleteIfPresent(String key, String propagation) {
    ObjectNode o = tx.get(key);
    if (o != null) {
      delete(key, o, propagation, null);
    }
  }

  private void detach(String key, String ownerUid) {
    ObjectNode next = tx.get(key).deepCopy();
    JsonNode refs = next.path("metadata").path("ownerReferences");
    if (refs instanceof ArrayNode list) {
      for (Iterator<JsonNode> it = list.iterator(); it.hasNext();) {
        if (ownerUid.equals(it.next().path("uid").asText())) {
          it.remove();
        }
      }
      if (list.isEmpty()) {
        Metadata.of(next).remove("ownerReferences");
      }
    }
    tx.put(Change.Type.MODIFIED, key, next);
  }
}
