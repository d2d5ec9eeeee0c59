package io.logplane.node.internal.real;

import io.logplane.node.internal.agent.ContainerRun;
import java.time.Instant;

/**
 * One run of a pod's container as the node last saw it: run {@code number} (0 first; the
 * container's restart count), its runtime id and state.
 *
 * @param startedAt  when the node started it; null before
 * @param finishedAt when the node first saw it ended; null before
 */
public record Attempt(String name, int number, String id, State state, int exitCode,
    boolean oomKilled, Instant startedAt, Instant finishedAt) {

  /** The CRI's container states. */
  public enum State { CREATED, RUNNING, EXITED, UNKNOWN }

  /** A run just created, not started. */
  public static Attempt created(String name, int number, String id) {
    return new Attempt(name, number, id, State.CREATED, 0, false, null, null);
  }

  public Attempt started(Instant at) {
    return new Attempt(name, number, id, State.RUNNING, 0, false, at, null);
  }

  /** As the runtime now reports it; {@code at} is taken as its end when it ended. */
  public Attempt seen(State now, int code, boolean oom, Instant at) {
    if (state == State.EXITED) {
      return this; // an ended run does not change
    }
    if (now == State.EXITED) {
      // a run that ended at once may have its end written before its start was
      Instant end = startedAt != null && at.isBefore(startedAt) ? startedAt : at;
      return new Attempt(name, number, id, now, code, oom, startedAt == null ? end : startedAt, end);
    }
    return new Attempt(name, number, id, now, 0, false, startedAt, null);
  }

  public boolean exited() {
    return state == State.EXITED;
  }

  /** The run's end as the API shows it; the reason a CRI runtime gives. */
  public ContainerRun.Terminated terminated() {
    String reason = oomKilled ? "OOMKilled" : exitCode == 0 ? "Completed" : "Error";
    return new ContainerRun.Terminated(exitCode, reason, startedAt, finishedAt);
  }
}
