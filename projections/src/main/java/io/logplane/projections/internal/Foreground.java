package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Change;
import io.logplane.projections.Metadata;
import java.util.Iterator;

/**
 * Foreground deletion, as the garbage collector does it: an owner deleted with
 * {@code propagationPolicy=Foreground} whose dependents with {@code blockOwnerDeletion} are not
 * gone at once (pods terminating on their nodes) stays, terminating, with the
 * {@code foregroundDeletion} finalizer; when its last such dependent is removed, in whatever
 * record, the finalizer goes and so does the owner (and then, in turn, its own owners). An
 * internal key per waiting owner ({@code internal/foreground//<uid>}) finds it from a dependent's
 * ownerReference.
 */
public final class Foreground {

  static final String FINALIZER = "foregroundDeletion";
  private static final String PREFIX = Allocations.PREFIX + "foreground//";

  private Foreground() {}

  /** Whether some dependent of the owner still blocks its deletion. */
  static boolean blocked(Tx tx, String ownerUid) {
    for (String dependent : tx.dependents(ownerUid)) {
      for (JsonNode ref : Metadata.ownerReferences(tx.get(dependent))) {
        if (ownerUid.equals(ref.path("uid").asText()) && ref.path("blockOwnerDeletion").asBoolean(false)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The owner, terminating and held by the finalizer until its blocking dependents are gone. */
  static ObjectNode hold(Tx tx, String key, ObjectNode owner, String time) {
    ObjectNode next = Metadata.withOwnMetadata(owner);
    Metadata.addFinalizer(next, FINALIZER);
    ObjectNode meta = Metadata.of(next);
    meta.put("deletionTimestamp", time);
    meta.put("deletionGracePeriodSeconds", 0);
    if (meta.has("generation")) {
      meta.put("generation", meta.path("generation").asLong(1) + 1);
    }
    tx.put(Change.Type.ADDED, PREFIX + Metadata.uid(owner), next.objectNode().put("key", key));
    return tx.put(Change.Type.MODIFIED, key, next);
  }

  /**
   * Why a new object may not be made, or null: one of its owners waits for its dependents to go
   * (a controller that read its owner a moment before the delete would otherwise add a
   * dependent that holds the owner for ever).
   */
  public static String refusal(Tx tx, JsonNode object) {
    for (JsonNode ref : Metadata.ownerReferences(object)) {
      if (tx.get(PREFIX + ref.path("uid").asText()) != null) {
        return "its owner " + ref.path("kind").asText() + " \"" + ref.path("name").asText()
            + "\" is being deleted in the foreground";
      }
    }
    return null;
  }

  /** After an object was removed: releases each owner waiting on it that nothing blocks any more. */
  static void released(Tx tx, JsonNode removed) {
    for (JsonNode ref : Metadata.ownerReferences(removed)) {
      String uid = ref.path("uid").asText();
      ObjectNode marker = tx.get(PREFIX + uid);
      if (marker == null || blocked(tx, uid)) {
        continue;
      }
      String key = marker.path("key").asText();
      tx.remove(PREFIX + uid, marker);
      ObjectNode owner = tx.get(key);
      if (owner == null || !uid.equals(Metadata.uid(owner))) {
        continue;
      }
      ObjectNode next = Metadata.withOwnMetadata(owner);
      JsonNode finalizers = Metadata.of(next).get("finalizers");
      if (finalizers instanceof ArrayNode list) {
        ArrayNode kept = list.deepCopy();
        for (Iterator<JsonNode> it = kept.iterator(); it.hasNext();) {
          if (FINALIZER.equals(it.next().asText())) {
            it.remove();
          }
        }
        if (kept.isEmpty()) {
          Metadata.of(next).remove("finalizers");
        } else {
          Metadata.of(next).set("finalizers", kept);
        }
      }
      if (Metadata.hasFinalizers(next)) {
        tx.put(Change.Type.MODIFIED, key, next);
      } else {
        tx.remove(key, next);
        released(tx, next);
      }
    }
  }
}
