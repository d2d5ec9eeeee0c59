package io.logplane.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Accessors for an object's {@code metadata}, on the JSON trees the store holds: what the state
 * machine, the store, the API and the controllers read of an object's identity and lifecycle.
 * Pure functions; the ones that change an object say so.
 */
public final class Metadata {

  private Metadata() {}

  /** The object's {@code metadata}, made empty when it has none (so the object is changed then). */
  public static ObjectNode of(ObjectNode object) {
    JsonNode m = object.get("metadata");
    if (m instanceof ObjectNode o) {
      return o;
    }
    return object.putObject("metadata");
  }

  /**
   * A copy of object to change at the top level and in its metadata only: every other node
   * is shared with object, which is fine as long as no state is changed in place once made.
   */
  public static ObjectNode withOwnMetadata(ObjectNode object) {
    ObjectNode copy = object.objectNode();
    for (var e : object.properties()) {
      JsonNode v = e.getValue();
      copy.set(e.getKey(), e.getKey().equals("metadata") && v instanceof ObjectNode m ? shallow(m) : v);
    }
    return copy;
  }

  /** A copy without {@code metadata.managedFields}, sharing every other node ({@link #withOwnMetadata}). */
  public static ObjectNode withoutManagedFields(ObjectNode object) {
    ObjectNode copy = withOwnMetadata(object);
    of(copy).remove("managedFields");
    return copy;
  }

  private static ObjectNode shallow(ObjectNode object) {
    ObjectNode copy = object.objectNode();
    copy.setAll(object);
    return copy;
  }

  /** A text field of the object's metadata ({@code name}, {@code deletionTimestamp}, ...), or null. */
  public static String text(JsonNode object, String field) {
    JsonNode v = object.path("metadata").get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** The object's resourceVersion as the log offset it is, 0 when it has none. */
  public static long resourceVersion(JsonNode object) {
    String rv = text(object, "resourceVersion");
    return rv == null || rv.isEmpty() ? 0 : Long.parseLong(rv);
  }

  /** The object's uid, or null. */
  public static String uid(JsonNode object) {
    return text(object, "uid");
  }

  /** Whether a delete has begun: {@code deletionTimestamp} is set and finalizers hold the object. */
  public static boolean terminating(JsonNode object) {
    JsonNode d = object.path("metadata").get("deletionTimestamp");
    return d != null && !d.isNull();
  }

  /**
   * The grace period a terminating object still waits out before it may go
   * ({@code deletionGracePeriodSeconds}), 0 when it has none.
   */
  public static long deletionGracePeriodSeconds(JsonNode object) {
    return object.path("metadata").path("deletionGracePeriodSeconds").asLong(0);
  }

  /** Whether any finalizer still holds the object. */
  public static boolean hasFinalizers(JsonNode object) {
    JsonNode f = object.path("metadata").get("finalizers");
    return f != null && f.isArray() && !f.isEmpty();
  }

  /** Adds a finalizer to the object (in place) unless it is there already. */
  public static void addFinalizer(ObjectNode object, String finalizer) {
    JsonNode f = of(object).get("finalizers");
    ArrayNode list = f instanceof ArrayNode a ? a : of(object).putArray("finalizers");
    for (JsonNode e : list) {
      if (e.asText().equals(finalizer)) {
        return;
      }
    }
    list.add(finalizer);
  }

  /** Owner uids named by the object's ownerReferences. */
  public static Iterable<JsonNode> ownerReferences(JsonNode object) {
    JsonNode refs = object.path("metadata").path("ownerReferences");
    return refs.isArray() ? refs : java.util.List.of();
  }

  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

  /** metav1.MicroTime: RFC 3339 with six fraction digits, always (Events' eventTime, Leases). */
  public static String microTime(long epochMillis) {
    return microTime(Instant.ofEpochMilli(epochMillis));
  }

  /** metav1.MicroTime of an instant (its digits past the microsecond dropped). */
  public static String microTime(Instant t) {
    return MICRO_TIME.format(t);
  }

  /** RFC 3339 with seconds, as Kubernetes writes metav1.Time. */
  public static String time(long epochMillis) {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(Math.floorDiv(epochMillis, 1000)));
  }
}
