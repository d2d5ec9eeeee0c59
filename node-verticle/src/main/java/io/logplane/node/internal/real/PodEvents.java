package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a real node's pod syncs record the kubelet's Events of what they do to a container
 * (pulling its image, creating, starting and killing it, a failed probe, a volume that cannot
 * be set up), at the moment they do it, as the kubelet's runtime manager, image manager,
 * prober and volume manager record theirs. Called from the syncs' threads: an implementation
 * hands the Event over to where it is sent, and never blocks.
 */
@FunctionalInterface
public interface PodEvents {

  /** Records nothing. */
  PodEvents NONE = (pod, container, warning, reason, message) -> { };

  /**
   * @param container the container the Event is about ({@code spec.containers{name}}), or null
   *                  for the pod
   * @param warning   type {@code Warning}, else {@code Normal}
   */
  void record(JsonNode pod, String container, boolean warning, String reason, String message);

  default void normal(JsonNode pod, String container, String reason, String message) {
    record(pod, container, false, reason, message);
  }

  default void warning(JsonNode pod, String container, String reason, String message) {
    record(pod, container, true, reason, message);
  }
}
