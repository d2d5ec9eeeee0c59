package io.logplane.node.internal.agent;

import io.logplane.node.internal.agent.ContainerRun.Running;
import io.logplane.node.internal.agent.ContainerRun.Terminated;

/** The kubelet's {@code getPhase}: a pod's phase from its containers and restart policy. */
final class Phases {
  private Phases() {}

  static String of(String restartPolicy, PodStatusMaker.Runs runs) {
    int running = 0;
    int failed = 0;
    int ended = 0;
    boolean everStarted = false;
    for (ContainerRun c : runs.containers()) {
      everStarted |= c.restartCount() > 0 || c.last() != null || !(c.state() instanceof
          ContainerRun.Waiting);
      if (c.state() instanceof Running) {
        running++;
      } else if (c.state() instanceof Terminated t) {
        ended++;
        failed += t.exitCode() == 0 ? 0 : 1;
      }
    }
    boolean initFailed = runs.init().stream().anyMatch(c -> c.state() instanceof Terminated t
        && t.exitCode() != 0 || c.last() != null && c.last().exitCode() != 0);
    if (initFailed && "Never".equals(restartPolicy)) {
      return "Failed"; // an init container that failed is not run again
    }
    int all = runs.containers().size();
    if (ended == all && all > 0 && (runs.stopping() || "Never".equals(restartPolicy)
        || "OnFailure".equals(restartPolicy) && failed == 0)) {
      return failed > 0 ? "Failed" : "Succeeded";
    }
    if (running > 0 || everStarted) {
      return "Running"; // a container restarting, or between runs, keeps the pod Running
    }
    return "Pending";
  }
}
