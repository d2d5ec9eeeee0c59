package io.logplane.controllers.podautoscaler;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.controllers.workload.Pods;
import io.logplane.projections.Metadata;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pods of a target sorted as kube's {@code groupPods} sorts them: being deleted or failed
 * (ignored), pending (unready), without a metric (missing), and, for cpu, unready ones: a pod
 * within its first 5 minutes counts only when ready and measured one window after it became
 * ready; later, only one that was ever ready.
 */
record PodGroups(int ready, Set<String> unready, Set<String> missing, Set<String> ignored) {

  static final Duration CPU_INITIALIZATION_PERIOD = Duration.ofMinutes(5);
  static final Duration INITIAL_READINESS_DELAY = Duration.ofSeconds(30);

  static PodGroups of(List<? extends JsonNode> pods, Map<String, PodMetric> metrics, String resource, Instant now) {
    int ready = 0;
    Set<String> unready = new HashSet<>();
    Set<String> missing = new HashSet<>();
    Set<String> ignored = new HashSet<>();
    for (JsonNode pod : pods) {
      String name = Metadata.text(pod, "name");
      String phase = Pods.phase(pod);
      if (Metadata.terminating(pod) || phase.equals("Failed")) {
        ignored.add(name);
        continue;
      }
      if (phase.equals("Pending")) {
        unready.add(name);
        continue;
      }
      PodMetric metric = metrics.get(name);
      if (metric == null) {
        missing.add(name);
        continue;
      }
      if (resource.equals("cpu") && cpuUnready(pod, metric, now)) {
        unready.add(name);
        continue;
      }
      ready++;
    }
    return new PodGroups(ready, unready, missing, ignored);
  }

  private static boolean cpuUnready(JsonNode pod, PodMetric metric, Instant now) {
    JsonNode condition = null;
    for (JsonNode c : pod.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        condition = c;
      }
    }
    String started = pod.path("status").path("startTime").asText("");
    if (condition == null || started.isEmpty()) {
      return true;
    }
    Instant start = Instant.parse(started);
    boolean notReady = condition.path("status").asText().equals("False");
    Instant transition = Instant.parse(condition.path("lastTransitionTime").asText(started));
    if (start.plus(CPU_INITIALIZATION_PERIOD).isAfter(now)) {
      return notReady || metric.timestamp().isBefore(transition.plus(metric.window()));
    }
    return notReady && start.plus(INITIAL_READINESS_DELAY).isAfter(transition);
  }
}
