package io.logplane.controllers.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Metadata;
import java.time.Instant;

/** Pod states as kube's {@code podutil} reads them. */
public final class Pods {

  private Pods() {}

  /** Not finished and not being deleted ({@code IsPodActive}). */
  public static boolean active(JsonNode pod) {
    String phase = phase(pod);
    return !phase.equals("Succeeded") && !phase.equals("Failed") && !Metadata.terminating(pod);
  }

  public static String phase(JsonNode pod) {
    return pod.path("status").path("phase").asText("");
  }

  /** The Ready condition is True. */
  public static boolean ready(JsonNode pod) {
    return readyCondition(pod) != null;
  }

  /** When the pod became ready, or null when it is not ready or does not say. */
  public static Instant readySince(JsonNode pod) {
    JsonNode c = readyCondition(pod);
    String t = c == null ? "" : c.path("lastTransitionTime").asText("");
    return t.isEmpty() ? null : Instant.parse(t);
  }

  /** Ready for at least minReadySeconds at {@code now} ({@code IsPodAvailable}). */
  public static boolean available(JsonNode pod, int minReadySeconds, Instant now) {
    if (!ready(pod)) {
      return false;
    }
    if (minReadySeconds == 0) {
      return true;
    }
    Instant since = readySince(pod);
    return since != null && since.plusSeconds(minReadySeconds).isBefore(now);
  }

  /** The most restarts of any of its containers. */
  public static int maxRestarts(JsonNode pod) {
    int max = 0;
    for (JsonNode c : pod.path("status").path("containerStatuses")) {
      max = Math.max(max, c.path("restartCount").asInt());
    }
    return max;
  }

  private static JsonNode readyCondition(JsonNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True")) {
        return c;
      }
    }
    return null;
  }
}
