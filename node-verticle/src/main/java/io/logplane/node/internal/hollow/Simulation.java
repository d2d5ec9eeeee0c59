package io.logplane.node.internal.hollow;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.agent.ContainerRun;
import io.logplane.node.internal.agent.ContainerRun.Terminated;
import io.logplane.node.internal.agent.PodRuntime;
import io.logplane.node.internal.agent.PodStatusMaker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the containers of a pod on a hollow node do, as a pure function of the pod, the time the
 * node started it and the time now: init containers complete at once, then the containers run
 * for ever, or for the {@code hollow.logplane.io/run-for} duration and exit with
 * {@code hollow.logplane.io/exit-code} (0 by default). The restart policy decides what follows:
 * {@code Always} starts a container again (and {@code OnFailure} a failed one) after the
 * kubelet's back-off, none the first time, then 10 s doubling to 5 minutes.
 */
public final class Simulation implements PodRuntime {
  /** How long each container runs before it exits; a Go duration ({@code 5s}, {@code 1m30s}). */
  public static final String RUN_FOR = "hollow.logplane.io/run-for";
  /** The exit code of a container that ran for {@link #RUN_FOR}. */
  public static final String EXIT_CODE = "hollow.logplane.io/exit-code";
  /**
   * The CPU and memory each container of a pod uses ({@code cpu=250m,memory=64Mi}), which the
   * node reports as the pod's metrics ({@link MetricsReporter}).
   */
  public static final String USAGE = "hollow.logplane.io/usage";

  @Override
  public Observed observe(JsonNode pod, String hostIp, String podIp, Instant start, Instant now,
      Instant stopAt) {
    JsonNode annotations = pod.path("metadata").path("annotations");
    Long runFor = Durations.millis(annotations.path(RUN_FOR).asText(""));
    int exit = exitCode(annotations.path(EXIT_CODE).asText("0"));
    String policy = pod.path("spec").path("restartPolicy").asText("Always");
    List<ContainerRun> init = new ArrayList<>();
    for (JsonNode c : pod.path("spec").path("initContainers")) {
      init.add(new ContainerRun(c.path("name").asText(), c.path("image").asText(),
          new Terminated(0, start, start), null, 0));
    }
    Timeline timeline = new Timeline(start, runFor == null ? null : Math.max(1000, runFor), exit,
        restarts(policy, exit));
    List<ContainerRun> containers = new ArrayList<>();
    Instant next = null;
    Instant readyChanged = start;
    for (JsonNode c : pod.path("spec").path("containers")) {
      Timeline.At at = timeline.at(now, stopAt);
      containers.add(new ContainerRun(c.path("name").asText(), c.path("image").asText(),
          at.state(), at.last(), at.restarts()));
      next = at.next();
      readyChanged = at.since();
    }
    return new Observed(new PodStatusMaker.Runs(hostIp, podIp, start, init, containers,
        readyChanged, stopAt != null), next);
  }

  private static boolean restarts(String policy, int exit) {
    return "Always".equals(policy) || "OnFailure".equals(policy) && exit != 0;
  }

  private static int exitCode(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return 1; // a code nobody can read is a failure, not a success
    }
  }
}
