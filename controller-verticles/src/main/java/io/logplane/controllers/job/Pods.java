package io.logplane.controllers.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.Metadata;
import java.time.Instant;
import java.util.Comparator;

/** What the Job controller reads of its pods, as kube's job controller and controller utils do. Pure. */
final class Pods {

  static final String TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
  static final String INDEX = "batch.kubernetes.io/job-completion-index";

  private Pods() {}

  static String phase(JsonNode pod) {
    return pod.path("status").path("phase").asText("");
  }

  static boolean succeeded(JsonNode pod) {
    return "Succeeded".equals(phase(pod));
  }

  /** As FilterActivePods: neither finished nor being deleted. */
  static boolean active(JsonNode pod) {
    String phase = phase(pod);
    return !phase.equals("Succeeded") && !phase.equals("Failed") && !Metadata.terminating(pod);
  }

  /**
   * As isPodFailed: phase Failed; without a pod failure policy a pod deleted before it succeeded
   * counts as failed too (with one, kube's PodDisruptionConditions marks such pods Failed).
   */
  static boolean failed(JsonNode pod, JsonNode job) {
    if ("Failed".equals(phase(pod))) {
      return true;
    }
    return !PodFailurePolicy.present(job) && Metadata.terminating(pod) && !succeeded(pod);
  }

  static boolean hasFinalizer(JsonNode pod) {
    for (JsonNode f : pod.path("metadata").path("finalizers")) {
      if (TRACKING_FINALIZER.equals(f.asText())) {
        return true;
      }
    }
    return false;
  }

  /** A copy of the pod without the tracking finalizer. */
  static ObjectNode withoutFinalizer(ObjectNode pod) {
    ObjectNode next = pod.deepCopy();
    ArrayNode kept = next.arrayNode();
    for (JsonNode f : next.path("metadata").path("finalizers")) {
      if (!TRACKING_FINALIZER.equals(f.asText())) {
        kept.add(f);
      }
    }
    if (kept.isEmpty()) {
      Metadata.of(next).remove("finalizers");
    } else {
      Metadata.of(next).set("finalizers", kept);
    }
    return next;
  }

  /** The completion index of an Indexed Job's pod, -1 when it has none. */
  static int index(JsonNode pod) {
    String v = pod.path("metadata").path("annotations").path(INDEX).asText("");
    try {
      return v.isEmpty() ? -1 : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static boolean ready(JsonNode pod) {
    for (JsonNode c : pod.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return "True".equals(c.path("status").asText());
      }
    }
    return false;
  }

  /** Container restarts of a running or pending pod, as pastBackoffLimitOnFailure adds them. */
  static int restarts(JsonNode pod) {
    String phase = phase(pod);
    if (!phase.equals("Running") && !phase.equals("Pending")) {
      return 0;
    }
    int n = 0;
    for (String list : new String[] {"initContainerStatuses", "containerStatuses"}) {
      for (JsonNode s : pod.path("status").path(list)) {
        n += s.path("restartCount").asInt(0);
      }
    }
    return n;
  }

  /** As getFinishedTime: the last container's end, else when the pod was deleted, else now. */
  static Instant finishedAt(JsonNode pod, Instant now) {
    Instant last = null;
    for (JsonNode s : pod.path("status").path("containerStatuses")) {
      String at = s.path("state").path("terminated").path("finishedAt").asText("");
      if (!at.isEmpty() && (last == null || Instant.parse(at).isAfter(last))) {
        last = Instant.parse(at);
      }
    }
    if (last == null && Metadata.terminating(pod)) {
      last = Instant.parse(Metadata.text(pod, "deletionTimestamp"));
    }
    return last == null ? now : last;
  }

  /**
   * Which active pod to delete first, as controller.ActivePods sorts them: not yet bound, then
   * pending, then not ready, then the most recently created.
   */
  static final Comparator<JsonNode> REMOVAL_ORDER = Comparator
      .<JsonNode>comparingInt(p -> p.path("spec").path("nodeName").asText("").isEmpty() ? 0 : 1)
      .thenComparingInt(p -> phase(p).equals("Pending") || phase(p).isEmpty() ? 0 : 1)
      .thenComparingInt(p -> ready(p) ? 1 : 0)
      .thenComparing(p -> Metadata.text(p, "creationTimestamp") == null ? "" : Metadata.text(p, "creationTimestamp"),
          Comparator.reverseOrder());
}
