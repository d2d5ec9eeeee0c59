package io.logplane.scheduler.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * kube-scheduler's scheduling queue: active pods by priority then by the time they entered,
 * pods backing off after a failure (1 s doubling to 10 s), and unschedulable pods set aside until
 * the cluster changes ({@link #moveAllToActive}) or for at most 60 s. Time is a parameter.
 * Thread-safe: the informers' handlers add and move, the scheduling loop pops.
 */
public final class SchedulingQueue {

  public static final long INITIAL_BACKOFF_MS = 1_000;
  public static final long MAX_BACKOFF_MS = 10_000;
  public static final long MAX_UNSCHEDULABLE_MS = 60_000;

  private final LongSupplier clock;
  private final Map<String, QueuedPod> pods = new HashMap<>();
  private final TreeSet<QueuedPod> active = new TreeSet<>(Comparator
      .comparingInt((QueuedPod p) -> -p.info.priority).thenComparingLong(p -> p.timestamp)
      .thenComparingLong(p -> p.seq));
  private final TreeSet<QueuedPod> backoff = new TreeSet<>(Comparator
      .comparingLong((QueuedPod p) -> p.backoffUntil).thenComparingLong(p -> p.seq));
  private final Map<String, QueuedPod> unschedulable = new HashMap<>();
  private long seq;
  private long cycle;
  private long moveRequestCycle = -1;

  /** @param clock milliseconds now */
  public SchedulingQueue(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * A new pod goes to active; a known one is updated. An update that changes more than the
   * status (kube's isPodUpdated) may make it fit: it leaves the unschedulable set, and one that
   * comes while the pod is being scheduled keeps the pod from being set aside by that attempt.
   * A status-only update, such as the scheduler's own PodScheduled=False, leaves it where it is.
   */
  public synchronized void add(PodInfo info) {
    QueuedPod p = pods.get(info.key);
    if (p == null) {
      p = new QueuedPod(info, seq++, clock.getAsLong());
      pods.put(info.key, p);
      toActive(p);
      return;
    }
    if (p.where == QueuedPod.Where.ACTIVE) {
      active.remove(p);
      p.info = info;
      active.add(p);
      return;
    }
    boolean updated = PodUpdates.changed(p.info.pod, info.pod);
    p.info = info;
    if (p.where == QueuedPod.Where.UNSCHEDULABLE && updated) {
      unschedulable.remove(info.key);
      requeue(p);
    } else if (p.where == QueuedPod.Where.IN_FLIGHT && updated) {
      p.updatedInFlight = true;
    }
  }

  public synchronized void delete(String key) {
    QueuedPod p = pods.remove(key);
    if (p != null) {
      leave(p);
    }
  }

  /** The next pod to schedule, or null when none is due. */
  public synchronized QueuedPod pop() {
    flush();
    QueuedPod p = active.pollFirst();
    if (p == null) {
      return null;
    }
    p.where = QueuedPod.Where.IN_FLIGHT;
    p.updatedInFlight = false;
    p.attempts++;
    p.cycle = ++cycle;
    return p;
  }

  /** The popped pod was placed: it leaves the queue (a failed bind brings it back with {@link #retry}). */
  public synchronized void done(QueuedPod p) {
    pods.remove(p.info.key, p);
  }

  /**
   * The popped pod fit no node: aside until the cluster changes, or straight to backoff when the
   * cluster or the pod changed while it was being scheduled or when the failure was not the
   * nodes' (an error).
   */
  public synchronized void failed(QueuedPod p, boolean unschedulableNow) {
    if (pods.get(p.info.key) != p) {
      return; // deleted meanwhile
    }
    p.timestamp = clock.getAsLong();
    p.backoffUntil = p.timestamp + backoff(p.attempts);
    if (!unschedulableNow || moveRequestCycle >= p.cycle || p.updatedInFlight) {
      p.where = QueuedPod.Where.BACKOFF;
      backoff.add(p);
    } else {
      p.where = QueuedPod.Where.UNSCHEDULABLE;
      unschedulable.put(p.info.key, p);
    }
    notifyAll();
  }

  /** A pod whose bind failed comes back, backing off after the attempts it had. */
  public synchronized void retry(PodInfo info, int attempts) {
    if (pods.containsKey(info.key)) {
      return;
    }
    QueuedPod p = new QueuedPod(info, seq++, clock.getAsLong());
    p.attempts = attempts;
    pods.put(info.key, p);
    p.cycle = cycle;
    failed(p, false);
  }

  /** The cluster changed so that pods set aside may fit: they go to backoff or active. */
  public synchronized void moveAllToActive() {
    moveRequestCycle = cycle;
    for (QueuedPod p : new ArrayList<>(unschedulable.values())) {
      unschedulable.remove(p.info.key);
      requeue(p);
    }
  }

  /** Moves pods whose backoff ended to active, and pods set aside for too long back to the queue. */
  public synchronized void flush() {
    long now = clock.getAsLong();
    while (!backoff.isEmpty() && backoff.first().backoffUntil <= now) {
      toActive(backoff.pollFirst());
    }
    for (QueuedPod p : new ArrayList<>(unschedulable.values())) {
      if (now - p.timestamp >= MAX_UNSCHEDULABLE_MS) {
        unschedulable.remove(p.info.key);
        requeue(p);
      }
    }
  }

  /** Waits (real time) until a pod may be due, at most maxMillis. */
  public synchronized void await(long maxMillis) throws InterruptedException {
    flush();
    if (!active.isEmpty()) {
      return;
    }
    long wait = maxMillis;
    if (!backoff.isEmpty()) {
      wait = Math.min(wait, Math.max(1, backoff.first().backoffUntil - clock.getAsLong()));
    }
    wait(wait);
  }

  /** Wakes a waiting {@link #await}. */
  public synchronized void wake() {
    notifyAll();
  }

  public synchronized int activeCount() {
    return active.size();
  }

  public synchronized int backoffCount() {
    return backoff.size();
  }

  public synchronized int unschedulableCount() {
    return unschedulable.size();
  }

  static long backoff(int attempts) {
    long d = INITIAL_BACKOFF_MS;
    for (int i = 1; i < attempts && d < MAX_BACKOFF_MS; i++) {
      d *= 2;
    }
    return Math.min(d, MAX_BACKOFF_MS);
  }

  private void requeue(QueuedPod p) {
    if (p.backoffUntil > clock.getAsLong()) {
      p.where = QueuedPod.Where.BACKOFF;
      backoff.add(p);
    } else {
      toActive(p);
    }
  }

  private void toActive(QueuedPod p) {
    p.where = QueuedPod.Where.ACTIVE;
    active.add(p);
    notifyAll();
  }

  private void leave(QueuedPod p) {
    switch (p.where) {
      case ACTIVE -> active.remove(p);
      case BACKOFF -> backoff.remove(p);
      case UNSCHEDULABLE -> unschedulable.remove(p.info.key);
      default -> { }
    }
  }
}
