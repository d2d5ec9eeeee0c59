package io.logplane.scheduler.internal;

/** A pod in the scheduling queue: its latest version, its attempts and where it waits. */
public final class QueuedPod {

  enum Where { ACTIVE, BACKOFF, UNSCHEDULABLE, IN_FLIGHT }

  PodInfo info;
  final long seq;
  int attempts;
  /** When it last entered the queue: ties of priority go to the earlier. */
  long timestamp;
  long backoffUntil;
  /** The cycle that popped it: a move request after that one sends a failure to backoff, not aside. */
  long cycle;
  Where where;
  /** Whether the pod changed (beyond its status) while it was being scheduled: that attempt saw an old version. */
  boolean updatedInFlight;

  QueuedPod(PodInfo info, long seq, long now) {
    this.info = info;
    this.seq = seq;
    this.timestamp = now;
  }

  public PodInfo info() {
    return info;
  }

  public int attempts() {
    return attempts;
  }
}
