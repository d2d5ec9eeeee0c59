package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;

/**
 * Namespace lifecycle rules: a namespace with {@code spec.finalizers} is not removed by a delete
 * but marked Terminating; the namespace controller empties it and clears the finalizers through
 * the {@code finalize} subresource, which lets it go. Only {@code finalize} changes
 * spec.finalizers.
 */
public final class Namespaces {

  private Namespaces() {}

  public static boolean is(Key key) {
    return key.group().equals("core") && key.resource().equals("namespaces");
  }

  public static boolean hasSpecFinalizers(JsonNode object) {
    JsonNode f = object.path("spec").path("finalizers");
    return "Namespace".equals(object.path("kind").asText()) && f.isArray() && !f.isEmpty();
  }

  public static void keepSpecFinalizers(ObjectNode current, ObjectNode next) {
    JsonNode f = current.path("spec").get("finalizers");
    ObjectNode spec = next.get("spec") instanceof ObjectNode o ? o : next.putObject("spec");
    if (f == null) {
      spec.remove("finalizers");
    } else {
      spec.set("finalizers", f.deepCopy());
    }
  }

  /** The namespace marked as being deleted: deletionTimestamp and phase Terminating. */
  public static ObjectNode terminating(ObjectNode current, String time) {
    ObjectNode next = current.deepCopy();
    ObjectNode meta = Metadata.of(next);
    meta.put("deletionTimestamp", time);
    meta.put("deletionGracePeriodSeconds", 0);
    ObjectNode status = next.get("status") instanceof ObjectNode o ? o : next.putObject("status");
    status.put("phase", "Terminating");
    return next;
  }
}
