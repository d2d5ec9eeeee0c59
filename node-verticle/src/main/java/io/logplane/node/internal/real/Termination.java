package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.node.internal.runtime.ContainerEnv;
import io.logplane.node.internal.runtime.ContainerRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a pod's containers as the kubelet's {@code killContainer} does, all at once: each runs
 * its {@code preStop} exec hook within the grace period, then gets SIGTERM and what is left of
 * the grace period (at least 2 s), then SIGKILL. The grace period is the deletion's
 * ({@code metadata.deletionGracePeriodSeconds}), else the pod's
 * {@code terminationGracePeriodSeconds}, else 30 s. Blocking.
 */
final class Termination {
  private static final Logger LOG = LoggerFactory.getLogger(Termination.class);
  static final long MINIMUM_GRACE_SECONDS = 2;

  private final ContainerRuntime runtime;
  private final Clock clock;

  Termination(ContainerRuntime runtime, Clock clock) {
    this.runtime = runtime;
    this.clock = clock;
  }

  /** The pod's grace period in seconds. */
  static long gracePeriod(JsonNode pod) {
    JsonNode deletion = pod.path("metadata").path("deletionGracePeriodSeconds");
    if (deletion.canConvertToLong()) {
      return deletion.asLong();
    }
    return pod.path("spec").path("terminationGracePeriodSeconds").asLong(30);
  }

  /** Stops the runs, each in a thread of its own; returns once all ended. */
  void kill(JsonNode pod, List<Attempt> runs) {
    List<Thread> threads = new ArrayList<>();
    for (Attempt a : runs) {
      Thread t = new Thread(() -> kill(pod, a), "kill-" + a.id());
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted stopping pod " + PodActions.podName(pod), e);
      }
    }
  }

  private void kill(JsonNode pod, Attempt a) {
    long grace = gracePeriod(pod);
    JsonNode hook = PodSync.container(pod, a.name()).path("lifecycle").path("preStop");
    if (hook.path("exec").has("command") && grace > 0 && a.state() == Attempt.State.RUNNING) {
      Instant began = clock.instant();
      int code = runtime.execSync(a.id(), ContainerEnv.strings(hook.path("exec").path("command")),
          Duration.ofSeconds(grace));
      if (code != 0) {
        LOG.info("preStop hook of {} exited {}", a.id(), code);
      }
      grace -= Duration.between(began, clock.instant()).toSeconds();
    }
    runtime.stopContainer(a.id(), Duration.ofSeconds(Math.max(MINIMUM_GRACE_SECONDS, grace)));
  }

}
