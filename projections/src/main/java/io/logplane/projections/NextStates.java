package io.logplane.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The state an accepted update leaves, from the current object and the update: what a
 * subresource may change, what is immutable, when the generation moves, and whether anything
 * changed at all. Pure functions of the {@link StateMachine}'s; they share what they do not change.
 */
final class NextStates {

  private NextStates() {}

  static ObjectNode withSpecFinalizersOf(ObjectNode current, ObjectNode update) {
    ObjectNode next = current.deepCopy();
    JsonNode finalizers = update.path("spec").get("finalizers");
    ObjectNode spec = next.get("spec") instanceof ObjectNode o ? o : next.putObject("spec");
    if (finalizers == null) {
      spec.remove("finalizers");
    } else {
      spec.set("finalizers", finalizers.deepCopy());
    }
    return next;
  }

  /** The current object with the status (and managedFields) of update; shares what it does not change. */
  static ObjectNode withStatusOf(ObjectNode current, ObjectNode update, boolean owned) {
    ObjectNode next = Metadata.withOwnMetadata(current);
    JsonNode status = update.get("status");
    if (status == null) {
      next.remove("status");
    } else {
      next.set("status", owned ? status : status.deepCopy());
    }
    JsonNode managed = update.path("metadata").get("managedFields");
    if (managed != null) {
      Metadata.of(next).set("managedFields", owned ? managed : managed.deepCopy());
    }
    return next;
  }

  /** The update (changed in place) with the current object's immutable metadata, status and generation. */
  static ObjectNode withImmutableOf(ObjectNode current, ObjectNode next, boolean keepStatus) {
    ObjectNode meta = Metadata.of(next);
    JsonNode cur = current.get("metadata");
    for (String f : new String[] {"name", "namespace", "uid", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "generateName"}) {
      JsonNode v = cur.get(f);
      if (v == null) {
        meta.remove(f);
      } else {
        meta.set(f, v);
      }
    }
    if (keepStatus) {
      JsonNode status = current.get("status");
      if (status == null) {
        next.remove("status");
      } else {
        next.set("status", status);
      }
    }
    JsonNode managed = meta.get("managedFields");
    if (managed == null && cur.has("managedFields")) {
      // As kube's field manager: an update without them (a controller's, from its trimmed
      // cache) keeps the stored ones. An empty list is the API's word for none.
      meta.set("managedFields", cur.get("managedFields"));
    } else if (managed != null && managed.isArray() && managed.isEmpty()) {
      meta.remove("managedFields");
    }
    long generation = cur.path("generation").asLong(1);
    if (!cur.has("generation")) {
      meta.remove("generation");
    } else if (specChanged(current, next)) {
      meta.put("generation", generation + 1);
    } else {
      // The current node as it is: a LongNode never equals the IntNode read back from the store,
      // and a no-op update would then be written as a new version.
      meta.set("generation", cur.has("generation") ? cur.get("generation") : meta.numberNode(generation));
    }
    return next;
  }

  private static boolean specChanged(ObjectNode a, ObjectNode b) {
    return !equalExcept(a, b, "metadata", "status");
  }

  /**
   * True when the objects differ in nothing but the resourceVersion and the times of their
   * managedFields. Compares in place (an update is decided without copying either object);
   * shapes it does not expect are compared on stripped copies, as the definition reads.
   */
  static boolean sameIgnoringVersion(ObjectNode current, ObjectNode next) {
    JsonNode cm = current.get("metadata");
    JsonNode nm = next.get("metadata");
    if (!(cm instanceof ObjectNode c) || !(nm instanceof ObjectNode n) || !c.has("resourceVersion")
        || !managedShape(c) || !managedShape(n)) {
      return sameOnCopies(current, next);
    }
    if (!equalExcept(current, next, "metadata") || !equalExcept(c, n, "resourceVersion", "managedFields")) {
      return false;
    }
    JsonNode cf = c.get("managedFields");
    JsonNode nf = n.get("managedFields");
    if (cf == null || nf == null) {
      return cf == nf;
    }
    if (cf.size() != nf.size()) {
      return false;
    }
    for (int i = 0; i < cf.size(); i++) {
      if (!equalExcept((ObjectNode) cf.get(i), (ObjectNode) nf.get(i), "time")) {
        return false;
      }
    }
    return true;
  }

  /** managedFields absent, or an array of objects. */
  private static boolean managedShape(ObjectNode meta) {
    JsonNode f = meta.get("managedFields");
    if (f == null) {
      return true;
    }
    if (!f.isArray()) {
      return false;
    }
    for (JsonNode e : f) {
      if (!e.isObject()) {
        return false;
      }
    }
    return true;
  }

  /** The objects are equal once the named fields are taken out of both. */
  private static boolean equalExcept(ObjectNode a, ObjectNode b, String... skipped) {
    int kept = 0;
    for (var e : a.properties()) {
      if (skip(e.getKey(), skipped)) {
        continue;
      }
      kept++;
      JsonNode other = b.get(e.getKey());
      if (other == null || !e.getValue().equals(other)) {
        return false;
      }
    }
    int keptB = 0;
    for (var e : b.properties()) {
      if (!skip(e.getKey(), skipped)) {
        keptB++;
      }
    }
    return kept == keptB;
  }

  private static boolean skip(String field, String[] skipped) {
    for (String s : skipped) {
      if (s.equals(field)) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameOnCopies(ObjectNode current, ObjectNode next) {
    ObjectNode n = next.deepCopy();
    Metadata.of(n).set("resourceVersion", current.path("metadata").path("resourceVersion"));
    stripManagedTimes(n);
    ObjectNode c = current.deepCopy();
    stripManagedTimes(c);
    return c.equals(n);
  }

  private static void stripManagedTimes(ObjectNode o) {
    JsonNode managed = o.path("metadata").path("managedFields");
    for (JsonNode m : managed) {
      ((ObjectNode) m).remove("time");
    }
  }
}
