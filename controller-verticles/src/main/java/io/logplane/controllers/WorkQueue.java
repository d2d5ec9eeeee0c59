package io.logplane.controllers;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A de-duplicating queue of keys, as client-go's workqueue: a key queued several times is
 * processed once; a key is never processed by two workers at once (added while in flight, it
 * is processed again after); failures are requeued with a per-key exponential backoff, and a
 * key may be queued to be due later. A key waiting is due at the earliest time anything asked
 * for it: as with client-go's separate delaying queue, a pass that ends asking for a look in ten
 * minutes does not hold back an event that came during the pass. Retries of all keys together are also held to 10 per
 * second after a burst of 100 (client-go's default controller rate limiter: the larger of the
 * two delays wins), so a controller failing on every object does not spin. The clock is passed
 * in, so the queue is pure logic.
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
  private final LongSupplier nanoTime;
  /** The overall bucket as a theoretical arrival time (GCRA): where its next free token lies. */
  private long bucketTat = Long.MIN_VALUE;
  static final long BUCKET_INTERVAL_NANOS = 100_000_000L;
  static final int BUCKET_BURST = 100;

  /**
   * @param baseDelay the backoff after a first failure, doubled with each further one
   * @param maxDelay the longest backoff
   * @param nanoTime the clock due times are read from, as {@link System#nanoTime}
   */
  public WorkQueue(Duration baseDelay, Duration maxDelay, LongSupplier nanoTime) {
    this.baseDelayNanos = baseDelay.toNanos();
    this.maxDelayNanos = maxDelay.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Queues a key (again), due now, as an event for it does: a key waiting for a later due time
   * (a requeue-after, a backoff) is due at once, as client-go's Add passes its AddAfter; a
   * pass that wants a later look asks for it again.
   */
  public synchronized void add(String key) {
    notBefore.remove(key);
    enqueue(key);
  }

  private void enqueue(String key) {
    if (inFlight.contains(key)) {
      dirty.add(key);
    } else if (queued.add(key)) {
      ready.addLast(key);
    }
    notifyAll();
  }

  /**
   * Queues a key to be due after a delay (a requeue-after, not a failure), unless it waits
   * already to be due sooner.
   */
  public synchronized void addAfter(String key, Duration delay) {
    dueBy(key, nanoTime.getAsLong() + delay.toNanos());
  }

  /**
   * Queues a key to be due after a delay, later than any sooner time it waits for: the write
   * path's push-back, which an event must not cut short.
   */
  public synchronized void holdOff(String key, Duration delay) {
    notBefore.put(key, nanoTime.getAsLong() + delay.toNanos());
    enqueue(key);
  }

  /** Queues a key to be due at a time, or sooner if it waits already for a sooner one. */
  private void dueBy(String key, long due) {
    boolean waiting = queued.contains(key) || dirty.contains(key);
    Long current = notBefore.get(key);
    if (!waiting || current != null && current - due > 0) {
      notBefore.put(key, due);
    }
    enqueue(key);
  }

  /** Queues a key after its backoff: the delay doubles with each consecutive failure, up to the maximum. */
  public synchronized void retry(String key) {
    int n = failures.merge(key, 1, Integer::sum);
    long now = nanoTime.getAsLong();
    long delay = Math.max(Math.min(maxDelayNanos, baseDelayNanos << Math.min(n - 1, 30)), bucketDelay(now));
    dueBy(key, now + delay);
  }

  /** Takes a token of the overall bucket; answers how long the retry must wait for it. */
  private long bucketDelay(long now) {
    long tat = bucketTat == Long.MIN_VALUE || bucketTat - now < 0 ? now : bucketTat;
    long delay = Math.max(0, tat - now - (BUCKET_BURST - 1) * BUCKET_INTERVAL_NANOS);
    bucketTat = tat + BUCKET_INTERVAL_NANOS;
    return delay;
  }

  /** Forgets the failures and due time of a key that succeeded. */
  public synchronized void forget(String key) {
    failures.remove(key);
    notBefore.remove(key);
  }

  /** The next key due now, or null; the key is in flight until {@link #done}. */
  public synchronized String poll() {
    long now = nanoTime.getAsLong();
    int n = ready.size();
    for (int i = 0; i < n; i++) {
      String key = ready.pollFirst();
      Long due = notBefore.get(key);
      if (due != null && due - now > 0) {
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
      enqueue(key);
    }
  }

  /** Waits up to the given (real) time for work to arrive: for the worker thread between polls. */
  public synchronized void await(long millis) throws InterruptedException {
    wait(millis);
  }

  /** Wakes every thread waiting in {@link #await}. */
  public synchronized void wake() {
    notifyAll();
  }

  /** How many keys wait, due or not. */
  public synchronized int size() {
    return ready.size();
  }
}
