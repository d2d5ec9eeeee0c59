package io.logplane.controllers.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Metadata;
import java.time.Instant;

/** What the set controllers read of a pod, as kube's {@code podutil}. Pure. */
public final class PodState {

  private PodState() {}

  public static boolean ready(JsonNode pod) {
    JsonNode c = readyCondition(pod);
    return c != null && "True".equals(c.path("status").asText());
  }

  /** Ready for at least minReadySeconds ({@code IsPodAvailable}). */
  public static boolean available(JsonNode pod, int minReadySeconds, Instant now) {
    if (!ready(pod)) {
      return false;
    }
    if (minReadySeconds <= 0) {
      return true;
    }
    String since = readyCondition(pod).path("lastTransitionTime").asText("");
    return !since.isEmpty() && !Instant.parse(since).plusSeconds(minReadySeconds).isAfter(now);
  }

  /** When a ready pod becomes available, or null when it is not ready or is already. */
  public static Instant availableAt(JsonNode pod, int minReadySeconds, Instant now) {
    if (!ready(pod) || available(pod, minReadySeconds, now)) {
      return null;
    }
    String since = readyCondition(pod).path("lastTransitionTime").asText("");
    return since.isEmpty() ? now : Instant.parse(since).plusSeconds(minReadySeconds);
  }

  public static String phase(JsonNode pod) {
    return pod.path("status").path("phase").asText("");
  }

  public static boolean terminating(JsonNode pod) {
    return Metadata.terminating(pod);
  }

  private static JsonNode readyCondition(JsonNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return c;
      }
    }
    return null;
  }
}
