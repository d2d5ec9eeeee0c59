package io.logplane.node.internal.hollow;

import io.logplane.node.internal.agent.ContainerRun;
import io.logplane.node.internal.agent.ContainerRun.Running;
import io.logplane.node.internal.agent.ContainerRun.Terminated;
import io.logplane.node.internal.agent.ContainerRun.Waiting;
import java.time.Duration;
import java.time.Instant;

/**
 * The runs of one simulated container: run {@code k} starts at {@code s(k)} and ends after
 * {@code runForMillis} with {@code exit}; when it restarts, run {@code k+1} starts after the
 * back-off. Walking the runs up to a time gives the state then.
 */
record Timeline(Instant start, Long runForMillis, int exit, boolean restarts) {
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  /**
   * The state at a time: the current state, the last ended run, the restart count, when the
   * state next changes by itself, and since when the container has been running or not.
   */
  record At(ContainerRun.State state, Terminated last, int restarts, Instant next,
      Instant since) {}

  At at(Instant now, Instant stopAt) {
    Instant runStart = start;
    Terminated last = null;
    for (int k = 0; ; k++) {
      if (runForMillis == null) {
        return stopAt != null ? stopped(runStart, stopAt, last, k)
            : new At(new Running(runStart), last, k, null, runStart);
      }
      Instant end = runStart.plusMillis(runForMillis);
      if (now.isBefore(end)) {
        return stopAt != null ? stopped(runStart, stopAt, last, k)
            : new At(new Running(runStart), last, k, end, runStart);
      }
      Terminated ended = new Terminated(exit, runStart, end);
      if (!restarts || stopAt != null) {
        return new At(ended, last, k, null, end);
      }
      Instant again = end.plus(backoff(k));
      if (now.isBefore(again)) {
        String message = "back-off " + backoff(k).toSeconds() + "s restarting failed container";
        return new At(new Waiting("CrashLoopBackOff", message), ended, k, again, end);
      }
      last = ended;
      runStart = again;
    }
  }

  private static At stopped(Instant runStart, Instant stopAt, Terminated last, int k) {
    Instant end = stopAt.isBefore(runStart) ? runStart : stopAt;
    return new At(new Terminated(0, runStart, end), last, k, null, end);
  }

  /** No wait before the first restart; then 10 s, doubling, at most 5 minutes. */
  static Duration backoff(int restartsSoFar) {
    if (restartsSoFar == 0) {
      return Duration.ZERO;
    }
    Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(restartsSoFar - 1, 10));
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }
}
