package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.Command;
import io.logplane.projections.Change;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.Outcome;
import io.logplane.projections.Reason;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A delete record: preconditions, finalizers (the object stays, terminating, until they are
 * gone), the grace period of a pod a node runs (it stays, terminating, until its node agent
 * deletes it with grace 0; see {@link PodGrace}), and the cascade done in the same record —
 * dependents by ownerReference (Background and Foreground delete them with their kind's
 * default grace, as the garbage collector does, unless another owner still holds them: then
 * they only lose the references to the owners that are gone; Orphan detaches them) and the
 * content of a deleted namespace. Doing the cascade here keeps it deterministic and atomic
 * with the delete. The garbage collection other writes set off runs here too: an object written
 * with no owner there ({@link #collect(String)}), and the dependents of an object its last
 * finalizer or its node removes ({@link #remove}). Which owners are there: {@link Owners}.
 */
public final class Deletion {

  private final Tx tx;
  private final Command.Delete d;
  private final long millis;
  private final String time;
  /** The objects this record is deleting, uid to key: their dependents count them absent. */
  private final Map<String, String> going = new HashMap<>();

  public Deletion(Tx tx, Command.Delete d) {
    this(tx, d, d.meta().timeMillis());
  }

  /** For the garbage collection a record other than a delete sets off, at the record's time. */
  public Deletion(Tx tx, long timeMillis) {
    this(tx, null, timeMillis);
  }

  private Deletion(Tx tx, Command.Delete d, long timeMillis) {
    this.tx = tx;
    this.d = d;
    this.millis = timeMillis;
    this.time = Metadata.time(timeMillis);
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
      going.put(uid, key);
      for (String dependent : tx.dependents(uid)) {
        if (orphan) {
          detach(dependent, uid);
        } else {
          collect(dependent, uid, foreground ? propagation : null, true);
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
      ObjectNode next = PodGrace.terminating(Metadata.withOwnMetadata(current), millis, period);
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
    return removed(key, Metadata.withOwnMetadata(current), false);
  }

  /**
   * Removes the object, then lets go of owners that waited for it in a foreground deletion.
   *
   * @param collect whether its dependents are left to collect: not when this record's delete
   *                went through them already
   */
  private ObjectNode removed(String key, ObjectNode last, boolean collect) {
    ObjectNode gone = tx.remove(key, last);
    Foreground.released(tx, last);
    String uid = Metadata.uid(last);
    if (collect && uid != null) {
      going.put(uid, key);
      for (String dependent : tx.dependents(uid)) {
        collect(dependent, uid, null, false);
      }
    }
    return gone;
  }

  /**
   * For a write other than a delete that removes an object (its last finalizer gone): the
   * dependents it leaves without an owner are collected, as the collector does once it sees
   * the owner go.
   */
  public ObjectNode remove(String key, ObjectNode last) {
    return removed(key, last, true);
  }

  /**
   * After a create, or an update that changed the object's ownerReferences: an object none of
   * whose owners is there is deleted (in the background: its own dependents follow), and one
   * that some owners hold loses the references to the others, as kube's collector would
   * delete or patch it shortly after the write. Returns whether it changed anything.
   */
  public boolean collect(String key) {
    ObjectNode o = tx.get(key);
    if (o == null || Metadata.terminating(o) || !Metadata.ownerReferences(o).iterator().hasNext()) {
      return false;
    }
    return collectNow(key, o);
  }

  /**
   * A dependent of an owner being deleted or removed: one that other owners hold loses the
   * references to the owners that are not there; one that nothing holds goes (with the
   * owner's propagation, or as its own finalizers ask).
   *
   * @param terminating whether a dependent already terminating is deleted again (a delete
   *                    going through the dependents, as it always did) or left to finish
   */
  private void collect(String key, String ownerUid, String propagation, boolean terminating) {
    ObjectNode o = tx.get(key);
    if (o == null || !Owners.references(o, ownerUid)) {
      return;
    }
    if (Metadata.terminating(o)) {
      if (terminating) {
        delete(key, o, propagation, null);
      }
      return;
    }
    if (propagation != null) {
      Owners.Refs refs = Owners.classify(tx, Key.parse(key), o, going);
      if (refs.dangling()) {
        tx.put(Change.Type.MODIFIED, key, Owners.without(o, refs.unsolid()));
      } else if (!refs.invalid()) {
        delete(key, o, propagation, null);
      }
      return;
    }
    collectNow(key, o);
  }

  private boolean collectNow(String key, ObjectNode o) {
    Owners.Refs refs = Owners.classify(tx, Key.parse(key), o, going);
    if (refs.dangling()) {
      tx.put(Change.Type.MODIFIED, key, Owners.without(o, refs.unsolid()));
      return true;
    }
    if (!refs.collectable()) {
      return false;
    }
    String policy = Owners.hasFinalizer(o, Owners.ORPHAN_FINALIZER) ? "Orphan"
        : Owners.hasFinalizer(o, Foreground.FINALIZER) ? "Foreground" : null;
    delete(key, o, policy, null);
    return true;
  }

  /**
   * A delete of a pod already terminating: a pending grace period is only shortened (to 0, the
   * node agent's delete, it removes the pod unless finalizers hold it); one that finalizers
   * alone hold stays as it is.
   */
  private ObjectNode deleteAgain(String key, ObjectNode current, Long grace) {
    if (PodGrace.pending(current) == 0) {
      return Metadata.hasFinalizers(current) ? current : removed(key, Metadata.withOwnMetadata(current), true);
    }
    long period = PodGrace.shortened(current, grace);
    if (period < 0) {
      return current;
    }
    ObjectNode next = PodGrace.terminating(Metadata.withOwnMetadata(current), PodGrace.start(current), period);
    if (period > 0 || Metadata.hasFinalizers(next)) {
      return tx.put(Change.Type.MODIFIED, key, next);
    }
    return removed(key, next, true);
  }

  private static void bumpGeneration(ObjectNode meta) {
    if (meta.has("generation")) {
      meta.put("generation", meta.path("generation").asLong(1) + 1);
    }
  }

  private void deleteIfPresent(String key) {
    ObjectNode o = tx.get(key);
    if (o != null) {
      delete(key, o, null, null);
    }
  }

  private void detach(String key, String ownerUid) {
    tx.put(Change.Type.MODIFIED, key, Owners.without(tx.get(key), Set.of(ownerUid)));
  }
}
