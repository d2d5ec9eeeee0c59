package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An object's ownerReferences as kube's garbage collector classifies them
 * ({@code classifyReferences}, {@code isDangling}), from the state: one uid index lookup per
 * reference. An owner is there when an object has the reference's uid and is what the
 * reference names (its group, kind and name), in the dependent's namespace or cluster-scoped
 * (kube looks the owner up by those coordinates, and a uid that does not match reads as absent).
 * An owner there is solid unless it waits for its dependents in a foreground deletion.
 */
public final class Owners {

  /** The finalizer that makes a delete orphan the object's dependents. */
  static final String ORPHAN_FINALIZER = "orphan";

  private Owners() {}

  /**
   * What the references say.
   *
   * @param solid   how many name an owner that is there and not waiting for its dependents
   * @param unsolid the uids of the others: owners absent, or waiting in a foreground deletion
   * @param invalid a cluster-scoped object names a namespaced owner: kube's collector leaves
   *                such an object as it is ({@code namespacedOwnerOfClusterScopedObjectErr})
   */
  public record Refs(int solid, Set<String> unsolid, boolean invalid) {

    /** No owner holds the object any more: the collector deletes it. */
    public boolean collectable() {
      return !invalid && solid == 0 && !unsolid.isEmpty();
    }

    /** Owners hold it, and some references name owners that do not: the collector removes those. */
    public boolean dangling() {
      return !invalid && solid > 0 && !unsolid.isEmpty();
    }
  }

  /**
   * Classifies the object's references.
   *
   * @param gone the owners this record is deleting, uid to key: they count as absent
   */
  public static Refs classify(Tx tx, Key dependent, JsonNode object, Map<String, String> gone) {
    int solid = 0;
    Set<String> unsolid = new LinkedHashSet<>();
    boolean invalid = false;
    for (JsonNode ref : Metadata.ownerReferences(object)) {
      String uid = ref.path("uid").asText("");
      String goneKey = gone.get(uid);
      String key = uid.isEmpty() || goneKey != null ? null : tx.keyOfUid(uid);
      ObjectNode owner = key == null || key.startsWith(Allocations.PREFIX) ? null : tx.get(key);
      Key k = owner == null ? null : Key.parse(key);
      if (namespaced(k == null && goneKey != null ? Key.parse(goneKey) : k) && dependent.namespace().isEmpty()) {
        invalid = true;
      } else if (k == null || !names(ref, k, owner)
          || !(k.namespace().isEmpty() || k.namespace().equals(dependent.namespace()))) {
        unsolid.add(uid);
      } else if (Metadata.terminating(owner) && hasFinalizer(owner, Foreground.FINALIZER)) {
        unsolid.add(uid);
      } else {
        solid++;
      }
    }
    return new Refs(solid, unsolid, invalid);
  }

  private static boolean namespaced(Key owner) {
    return owner != null && !owner.namespace().isEmpty();
  }

  /** Whether the reference names this object: its name, kind, and the group of its apiVersion. */
  private static boolean names(JsonNode ref, Key key, JsonNode owner) {
    String apiVersion = ref.path("apiVersion").asText("");
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "core" : apiVersion.substring(0, slash);
    String kind = owner.path("kind").asText("");
    return ref.path("name").asText("").equals(key.name()) && group.equals(key.group())
        && (kind.isEmpty() || kind.equals(ref.path("kind").asText("")));
  }

  static boolean hasFinalizer(JsonNode object, String finalizer) {
    for (JsonNode f : object.path("metadata").path("finalizers")) {
      if (finalizer.equals(f.asText())) {
        return true;
      }
    }
    return false;
  }

  /** The object (its own copy of the metadata) without the references to these uids. */
  static ObjectNode without(ObjectNode object, Set<String> uids) {
    ObjectNode next = Metadata.withOwnMetadata(object);
    JsonNode refs = Metadata.of(next).get("ownerReferences");
    if (refs instanceof ArrayNode list) {
      ArrayNode kept = list.deepCopy();
      for (Iterator<JsonNode> it = kept.iterator(); it.hasNext();) {
        if (uids.contains(it.next().path("uid").asText())) {
          it.remove();
        }
      }
      if (kept.isEmpty()) {
        Metadata.of(next).remove("ownerReferences");
      } else {
        Metadata.of(next).set("ownerReferences", kept);
      }
    }
    return next;
  }

  /** Whether one of the object's references names this uid. */
  static boolean references(JsonNode object, String uid) {
    for (JsonNode ref : Metadata.ownerReferences(object)) {
      if (uid.equals(ref.path("uid").asText())) {
        return true;
      }
    }
    return false;
  }
}
