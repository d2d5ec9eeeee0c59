package io.logplane.node.internal.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The Events of a written status for each container it shows waiting for a reason (or with a
 * message) the status before did not, in the kubelet's words: a failed pull ({@code Failed},
 * then {@code Error: ErrImagePull}), its back-off ({@code BackOff}, then
 * {@code Error: ImagePullBackOff}), an image that may not be pulled or whose name is invalid,
 * a container that could not be made or started ({@code Error: <why>}), and a crashed
 * container's back-off ({@code Back-off restarting failed container ...}). The kubelet records
 * them at every attempt; here once for each time the status comes to show them.
 */
final class Waits {
  private Waits() {}

  static void announce(EventRecorder events, JsonNode before, JsonNode after, Instant now) {
    for (JsonNode c : after.path("status").path("containerStatuses")) {
      JsonNode waiting = c.path("state").path("waiting");
      String reason = waiting.path("reason").asText("");
      String message = waiting.path("message").asText("");
      String name = c.path("name").asText();
      JsonNode old = Starts.find(before.path("status").path("containerStatuses"), name);
      JsonNode was = old == null ? null : old.path("state").path("waiting");
      if (reason.isEmpty() || was != null && reason.equals(was.path("reason").asText(""))
          && message.equals(was.path("message").asText(""))) {
        continue;
      }
      String image = image(after, name);
      switch (reason) {
        case "ErrImagePull" -> {
          events.warning(after, name, "Failed", "Failed to pull image \"" + image + "\": " + message, now);
          events.warning(after, name, "Failed", "Error: ErrImagePull", now);
        }
        case "ImagePullBackOff" -> {
          events.normal(after, name, "BackOff", "Back-off pulling image \"" + image + "\"", now);
          events.warning(after, name, "Failed", "Error: ImagePullBackOff", now);
        }
        case "ErrImageNeverPull" -> {
          events.warning(after, name, "ErrImageNeverPull", message, now);
          events.warning(after, name, "Failed", "Error: ErrImageNeverPull", now);
        }
        case "InvalidImageName" -> {
          events.warning(after, name, "InspectFailed", message, now);
          events.warning(after, name, "Failed", "Error: InvalidImageName", now);
        }
        case "CreateContainerConfigError", "CreateContainerError", "RunContainerError" ->
            events.warning(after, name, "Failed", "Error: " + message, now);
        case "CrashLoopBackOff" -> events.warning(after, name, "BackOff",
            "Back-off restarting failed container " + name + " in pod " + podName(after), now);
        default -> { } // ContainerCreating, PodInitializing: no event of their own
      }
    }
  }

  /** The image of container {@code name} as the pod's spec gives it. */
  private static String image(JsonNode pod, String name) {
    for (JsonNode c : pod.path("spec").path("containers")) {
      if (name.equals(c.path("name").asText())) {
        return c.path("image").asText();
      }
    }
    return "";
  }

  /** The kubelet's {@code format.Pod}: {@code name_namespace(uid)}. */
  static String podName(JsonNode pod) {
    JsonNode meta = pod.path("metadata");
    return meta.path("name").asText() + "_" + meta.path("namespace").asText() + "("
        + meta.path("uid").asText() + ")";
  }
}
