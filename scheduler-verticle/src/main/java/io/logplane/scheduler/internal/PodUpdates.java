package io.logplane.scheduler.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * kube's isPodUpdated: whether a pod changed in anything but its status, resourceVersion,
 * generation, managedFields and finalizers. A status write (the scheduler's own PodScheduled
 * condition and nomination) does not make a pod worth another attempt.
 */
final class PodUpdates {

  private PodUpdates() {}

  static boolean changed(ObjectNode was, ObjectNode now) {
    return !stripped(was).equals(stripped(now));
  }

  private static JsonNode stripped(ObjectNode pod) {
    ObjectNode copy = pod.deepCopy();
    copy.remove("status");
    if (copy.get("metadata") instanceof ObjectNode m) {
      m.remove("resourceVersion");
      m.remove("generation");
      m.remove("managedFields");
      m.remove("finalizers");
    }
    return copy;
  }
}
