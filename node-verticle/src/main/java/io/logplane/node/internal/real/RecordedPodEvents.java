package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.agent.EventRecorder;
import io.vertx.core.Context;
import java.time.Clock;
import java.time.Instant;

/**
 * The {@link PodEvents} of a real node: each Event stamped when it happens, then handed to the
 * node's {@link EventRecorder} on the owner's context.
 */
final class RecordedPodEvents implements PodEvents {
  private final EventRecorder recorder;
  private final Context context;
  private final Clock clock;

  RecordedPodEvents(EventRecorder recorder, Context context, Clock clock) {
    this.recorder = recorder;
    this.context = context;
    this.clock = clock;
  }

  @Override
  public void record(JsonNode pod, String container, boolean warning, String reason,
      String message) {
    Instant at = clock.instant();
    context.runOnContext(v -> {
      if (warning) {
        recorder.warning(pod, container, reason, message, at);
      } else {
        recorder.normal(pod, container, reason, message, at);
      }
    });
  }

  /** A warning about the node itself (an image GC that cannot free enough), stamped now. */
  void nodeWarning(String reason, String message) {
    Instant at = clock.instant();
    context.runOnContext(v -> recorder.nodeWarning(reason, message, at));
  }
}
