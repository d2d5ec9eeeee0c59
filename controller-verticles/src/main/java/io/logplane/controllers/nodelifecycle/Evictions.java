package io.logplane.controllers.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.EventRecorder;
import io.logplane.projections.Key;
import io.logplane.projections.Metadata;
import io.logplane.projections.ObjectWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/** The taint manager's part: pods whose toleration of the node's NoExecute taints ran out are deleted. */
final class Evictions {

  private Evictions() {}

  /** Deletes the pods due now; answers the time until the next one is due, or null when none will be. */
  static Duration run(JsonNode node, List<ObjectNode> pods, Instant now, ObjectWriter writer, EventRecorder events) {
    Duration next = null;
    for (ObjectNode pod : pods) {
      if (Metadata.terminating(pod)) {
        continue;
      }
      Instant due = due(node, pod, now);
      if (due == null) {
        continue;
      }
      if (!due.isAfter(now)) {
        events.normal(pod, "TaintManagerEviction", "Marking for deletion Pod " + Metadata.text(pod, "namespace") + "/"
            + Metadata.text(pod, "name"));
        writer.delete(new Key("core", "pods", Metadata.text(pod, "namespace"), Metadata.text(pod, "name")),
            Metadata.uid(pod), null).exceptionally(e -> null);
      } else {
        Duration wait = Duration.between(now, due);
        next = next == null || wait.compareTo(next) < 0 ? wait : next;
      }
    }
    return next;
  }

  /** When the pod must go from this node, or null when its tolerations keep it there. */
  static Instant due(JsonNode node, JsonNode pod, Instant now) {
    Instant due = null;
    for (JsonNode taint : node.path("spec").path("taints")) {
      if (!"NoExecute".equals(taint.path("effect").asText())) {
        continue;
      }
      OptionalLong seconds = Taints.toleratedSeconds(pod, taint);
      if (seconds.isEmpty()) {
        continue;
      }
      String added = taint.path("timeAdded").asText("");
      Instant at = (added.isEmpty() ? now : Instant.parse(added)).plusSeconds(seconds.getAsLong());
      due = due == null || at.isBefore(due) ? at : due;
    }
    return due;
  }
}
