package io.logplane.controllers;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A de-duplicating queue of keys, as client-go's workqueue: a key queued several times is
 * processed once; a key is never processed by two workers at once (added while in flight, it
 * is processed again after); failures are requeued with a per-key exponential backoff.
 * The clock is passed in, so the queue is pure logic.
 */
public final class WorkQueue {

  private final ArrayDeque<String> ready = new ArrayDeque<>();
  private final Set<String> queued = new HashSet<>();
  private final Set<String> inFlight = new HashSet<>();
  private final Set<String> dirty = new HashSet<>();
  private final Map<String, Long> notBefore = new HashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();
  private final long baseDelayNanos;
  private final long maxDelayNanos;

  public WorkQueue(long baseDelay, long maxDelay, TimeUnit unit) {
    this.baseDelayNanos = unit.toNanos(baseDelay);
    this.maxDelayNanos = unit.toNanos(maxDelay);
  }

  /** Queues a key (again); no effect while it is already waiting. */
  public synchronized void add(String key) {
    if (inFlight.contains(key)) {
      dirty.add(key);
    } else if (queued.add(key)) {
      ready.addLast(key);
    }
    notifyAll();
  }

  /** Queues a key after its backoff: the delay doubles with each consecutive failure. */
  public synchronized void retry(String key, long nowNanos) {
    int n = failures.merge(key, 1, Integer::sum);
    long delay = Math.min(maxDelayNanos, baseDelayNanos << Math.min(n - 1, 30));
    notBefore.put(key, nowNanos + delay);
    add(key);
  }

  /** Forgets the failures of a key that succeeded. */
  public synchronized void forget(String key) {
    failures.remove(key);
    notBefore.remove(key);
  }

  /** The next key due at nowNanos, or null; the key is in flight until {@link #done}. */
  public synchronized String poll(long nowNanos) {
    int n = ready.size();
    for (int i = 0; i < n; i++) {
      String key = ready.pollFirst();
      Long due = notBefore.get(key);
      if (due != null && due > nowNanos) {
        ready.addLast(key);
        continue;
      }
      queued.remove(key);
      inFlight.add(key);
      return key;
    }
    return null;
  }

  /** Ends the processing of a key; requeues it when it was added meanwhile. */
  public synchronized void done(String key) {
    inFlight.remove(key);
    if (dirty.remove(key)) {
      add(key);
    }
  }

  /** Waits up to the given time for work to arrive. */
  public synchronized void await(long millis) throws InterruptedException {
    wait(millis);
  }

  public synchronized int size() {
    return ready.size();
  }
}
