package io.logplane.api.table;

import static io.logplane.api.table.Cells.at;
import static io.logplane.api.table.Cells.str;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * kubectl's reading of a pod: ready and total containers, the status word and the restarts.
 *
 * @param ready             containers ready (restartable init containers included)
 * @param total             containers counted in the Ready column
 * @param reason            the Status column
 * @param restarts          restarts of the containers that count
 * @param lastRestartMillis when the most recent counted restart ended, or null
 */
record PodStatus(int ready, int total, String reason, int restarts, Long lastRestartMillis) {

  static PodStatus of(JsonNode pod) {
    return new Builder(pod).build();
  }

  /** The status derivation of kube's printPod, step by step. */
  private static final class Builder {
    private final JsonNode pod;
    private int ready;
    private int total;
    private String reason;
    private int restarts;
    private Long lastRestart;

    Builder(JsonNode pod) {
      this.pod = pod;
    }

    PodStatus build() {
      JsonNode status = pod.path("status");
      total = at(pod, "spec", "containers").size();
      reason = str(status, "reason").isEmpty() ? str(status, "phase") : str(status, "reason");
      for (JsonNode c : status.path("conditions")) {
        if (str(c, "type").equals("PodScheduled") && str(c, "reason").equals("SchedulingGated")) {
          reason = "SchedulingGated";
        }
      }
      Set<String> sidecars = new HashSet<>();
      JsonNode initSpecs = at(pod, "spec", "initContainers");
      for (JsonNode c : initSpecs) {
        if (str(c, "restartPolicy").equals("Always")) { // a sidecar counts as a container
          sidecars.add(str(c, "name"));
          total++;
        }
      }
      int sidecarRestarts = 0;
      Long sidecarLastRestart = null;
      boolean initializing = false;
      JsonNode inits = status.path("initContainerStatuses");
      for (int i = 0; i < inits.size(); i++) {
        JsonNode c = inits.get(i);
        boolean sidecar = sidecars.contains(str(c, "name"));
        restarts += (int) c.path("restartCount").asLong(0);
        lastRestart = later(lastRestart, c);
        if (sidecar) {
          sidecarRestarts += (int) c.path("restartCount").asLong(0);
          sidecarLastRestart = later(sidecarLastRestart, c);
        }
        JsonNode terminated = at(c, "state", "terminated");
        JsonNode waiting = at(c, "state", "waiting");
        if (terminated.isObject() && terminated.path("exitCode").asLong(0) == 0) {
          continue;
        }
        if (sidecar && c.path("started").asBoolean(false)) {
          ready += c.path("ready").asBoolean(false) ? 1 : 0;
          continue;
        }
        if (terminated.isObject()) {
          reason = "Init:" + terminatedReason(terminated);
        } else if (waiting.isObject() && !str(waiting, "reason").isEmpty()
            && !str(waiting, "reason").equals("PodInitializing")) {
          reason = "Init:" + str(waiting, "reason");
        } else {
          reason = "Init:" + i + "/" + initSpecs.size();
        }
        initializing = true;
        break;
      }
      if (!initializing || conditionTrue(status, "Initialized")) {
        restarts = sidecarRestarts;
        lastRestart = sidecarLastRestart;
        containers(status);
      }
      if (!str(pod, "metadata", "deletionTimestamp").isEmpty()) {
        reason = str(status, "reason").equals("NodeLost") ? "Unknown" : "Terminating";
      }
      return new PodStatus(ready, total, reason, restarts, lastRestart);
    }

    private void containers(JsonNode status) {
      boolean hasRunning = false;
      JsonNode statuses = status.path("containerStatuses");
      for (int i = statuses.size() - 1; i >= 0; i--) {
        JsonNode c = statuses.get(i);
        restarts += (int) c.path("restartCount").asLong(0);
        lastRestart = later(lastRestart, c);
        JsonNode waiting = at(c, "state", "waiting");
        JsonNode terminated = at(c, "state", "terminated");
        if (!str(waiting, "reason").isEmpty()) {
          reason = str(waiting, "reason");
        } else if (terminated.isObject()) {
          reason = terminatedReason(terminated);
        } else if (c.path("ready").asBoolean(false) && at(c, "state", "running").isObject()) {
          hasRunning = true;
          ready++;
        }
      }
      // a pod whose last container completed but another still runs is not "Completed"
      if (reason.equals("Completed") && hasRunning) {
        reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
      }
    }

    private static String terminatedReason(JsonNode terminated) {
      if (!str(terminated, "reason").isEmpty()) {
        return str(terminated, "reason");
      }
      long signal = terminated.path("signal").asLong(0);
      return signal != 0 ? "Signal:" + signal : "ExitCode:" + terminated.path("exitCode").asLong(0);
    }

    private static Long later(Long current, JsonNode containerStatus) {
      Long finished = Durations.parse(str(containerStatus, "lastState", "terminated", "finishedAt"));
      if (!at(containerStatus, "lastState", "terminated").isObject() || finished == null) {
        return current;
      }
      return current == null || current < finished ? finished : current;
    }

    private static boolean conditionTrue(JsonNode status, String type) {
      for (JsonNode c : status.path("conditions")) {
        if (str(c, "type").equals(type) && str(c, "status").equals("True")) {
          return true;
        }
      }
      return false;
    }
  }
}
