package io.logplane.node.internal.agent;

import java.time.Instant;

/**
 * One container as a runtime reports it: its state now, the last time it ended, how often it
 * was started again, and what its probes say.
 *
 * @param last        the previous run's end, or null
 * @param containerId the latest run's {@code runtime://id}; null for a simulated run, whose id
 *                    is made up from what names it
 * @param ready       whether it runs and its readiness probe (if any) passed
 * @param started     whether it runs and its startup probe (if any) passed
 * @param imageId     the image the run was made from as the runtime names it; null for a simulated
 *                    run, whose image id is made up from the image's name
 */
public record ContainerRun(String name, String image, State state, Terminated last,
    int restartCount, String containerId, boolean ready, boolean started, String imageId) {

  /** A simulated container's run: ready and started while it runs. */
  public ContainerRun(String name, String image, State state, Terminated last, int restartCount) {
    this(name, image, state, last, restartCount, null, state instanceof Running,
        state instanceof Running, null);
  }

  /** A container's state, as {@code containerStatuses[].state} names them. */
  public sealed interface State permits Waiting, Running, Terminated {}

  /** Not running yet, or waiting to start again ({@code CrashLoopBackOff}). */
  public record Waiting(String reason, String message) implements State {}

  public record Running(Instant startedAt) implements State {}

  /**
   * Ended with an exit code, and the reason a CRI runtime gives: {@code OOMKilled} when the
   * kernel killed it for memory, else {@code Completed} for 0 and {@code Error} otherwise.
   */
  public record Terminated(int exitCode, String reason, Instant startedAt, Instant finishedAt)
      implements State {

    /** Ended by itself with {@code exitCode}: {@code Completed} or {@code Error}. */
    public Terminated(int exitCode, Instant startedAt, Instant finishedAt) {
      this(exitCode, exitCode == 0 ? "Completed" : "Error", startedAt, finishedAt);
    }
  }

  public boolean running() {
    return state instanceof Running;
  }
}
