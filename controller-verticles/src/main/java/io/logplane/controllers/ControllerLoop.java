package io.logplane.controllers;

import io.logplane.projections.Projection;
import io.logplane.projections.Store;
import io.logplane.projections.TooManyRequests;
import io.logplane.projections.WatchHub;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared reconcile loop: follows the applied events of a controller's keys into a
 * {@link WorkQueue} (and lists every existing key at start), and runs the reconciler on one
 * worker thread, one {@link #step} at a time: requeueing with backoff on failure, after the
 * asked delay, or after the write path's hint when it pushes back.
 */
public final class ControllerLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerLoop.class);
  static final Duration BASE_BACKOFF = Duration.ofMillis(50);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  /** How long the idle worker sleeps between looks at the queue's due times. */
  private static final long IDLE_MILLIS = 50;

  private final String name;
  private final Reconciler reconciler;
  private final WorkQueue queue;
  private volatile boolean running = true;
  private WatchHub.Subscription subscription;
  private Thread worker;

  public ControllerLoop(String name, Reconciler reconciler) {
    this(name, reconciler, System::nanoTime);
  }

  /** A loop whose due times and backoffs are read from the given clock, as {@link System#nanoTime}. */
  public ControllerLoop(String name, Reconciler reconciler, LongSupplier nanoTime) {
    this.name = name;
    this.reconciler = reconciler;
    this.queue = new WorkQueue(BASE_BACKOFF, MAX_BACKOFF, nanoTime);
  }

  /** Queues every key of the projection the reconciler watches and follows its events; starts the worker. */
  public ControllerLoop start(Projection projection) {
    long at;
    try (Store.Snapshot snap = projection.store().snapshot()) {
      at = snap.appliedOffset();
      snap.scan(reconciler.watches(), null, (key, json) -> {
        queue.add(key);
        return true;
      });
    }
    subscription = projection.hub().subscribe(at, e -> e.key().startsWith(reconciler.watches()),
        (events, applied) -> events.forEach(e -> queue.add(e.key())));
    worker = new Thread(this::work, "controller-" + name);
    worker.setDaemon(true);
    worker.start();
    return this;
  }

  /** Queues a key to reconcile, as an event for it does. */
  void add(String key) {
    queue.add(key);
  }

  /**
   * Reconciles the next due key, if any, and files what comes next for it; false when no key
   * was due. The worker thread calls it in a loop; tests call it directly.
   */
  boolean step() throws InterruptedException {
    String key = queue.poll();
    if (key == null) {
      return false;
    }
    try {
      Reconciler.Result result = reconciler.reconcile(key);
      queue.forget(key);
      if (!result.done()) {
        queue.addAfter(key, result.requeueAfter());
      }
    } catch (TooManyRequests e) {
      // Push-back is not a failure: slow down by the hint, keep the backoff as it was.
      LOG.debug("{}: {} pushed back, again in {}", name, key, e.retryAfter());
      queue.addAfter(key, e.retryAfter());
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      LOG.warn("{}: reconciling {} failed, will retry: {}", name, key, e.toString());
      queue.retry(key);
    } finally {
      queue.done(key);
    }
    return true;
  }

  private void work() {
    try {
      while (running) {
        if (!step()) {
          queue.await(IDLE_MILLIS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    if (subscription != null) {
      subscription.cancel();
    }
    if (worker != null) {
      worker.interrupt();
    }
  }
}
