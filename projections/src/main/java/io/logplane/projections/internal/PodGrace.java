package io.logplane.projections.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import java.time.Instant;

/**
 * The grace period of a pod's deletion, as kube-apiserver's pod strategy
 * (CheckGracefulDelete) and rest.BeforeDelete decide it: pods are the one kind whose
 * deletion waits for someone (the node agent) to end what runs before it removes them.
 */
final class PodGrace {

  /** kube's DefaultTerminationGracePeriodSeconds, for a pod stored without the field defaulted. */
  private static final long DEFAULT_SECONDS = 30;

  private PodGrace() {}

  static boolean isPod(Key key) {
    return key.group().equals("core") && key.resource().equals("pods");
  }

  /**
   * The grace period of a first delete: the one asked for (negative means 1) or the pod's
   * terminationGracePeriodSeconds; 0 for a pod no node runs (unbound, or Succeeded or Failed).
   */
  static long period(ObjectNode pod, Long asked) {
    long period = asked != null ? asked : pod.path("spec").path("terminationGracePeriodSeconds").asLong(DEFAULT_SECONDS);
    if (pod.path("spec").path("nodeName").asText("").isEmpty()) {
      return 0;
    }
    String phase = pod.path("status").path("phase").asText("");
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      return 0;
    }
    return period < 0 ? 1 : period;
  }

  /** The grace period a terminating object still waits out: 0 when none (or finalizers only) holds it. */
  static long pending(JsonNode object) {
    return Metadata.deletionGracePeriodSeconds(object);
  }

  /**
   * The grace period a further delete shortens a pending one to, or -1 when it leaves it as it
   * is (none asked for, or not shorter: only a shorter one may be given).
   */
  static long shortened(JsonNode pod, Long asked) {
    if (asked == null) {
      return -1;
    }
    long period = asked < 0 ? 1 : asked;
    return period < pending(pod) ? period : -1;
  }

  /** The pod (changed in place) marked as deleted in {@code seconds} from {@code fromMillis}. */
  static ObjectNode terminating(ObjectNode pod, long fromMillis, long seconds) {
    ObjectNode meta = Metadata.of(pod);
    meta.put("deletionTimestamp", Metadata.time(fromMillis + seconds * 1000));
    // An int when it fits, as the stored object reads back: equal nodes for equal objects.
    if (seconds == (int) seconds) {
      meta.put("deletionGracePeriodSeconds", (int) seconds);
    } else {
      meta.put("deletionGracePeriodSeconds", seconds);
    }
    return pod;
  }

  /** The start of a pending grace period: its deletionTimestamp less the period. */
  static long start(JsonNode pod) {
    long at = Instant.parse(pod.path("metadata").path("deletionTimestamp").asText()).toEpochMilli();
    return at - pending(pod) * 1000;
  }
}
