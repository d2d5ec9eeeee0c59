package io.logplane.controllers;

import io.logplane.projections.Projection;
import io.logplane.projections.Store;
import io.logplane.projections.WatchHub;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared reconcile loop: follows the applied events of a controller's keys into a
 * {@link WorkQueue} (and lists every existing key at start), and runs the reconciler on one
 * worker thread, requeueing with backoff on failure or when asked.
 */
public final class ControllerLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerLoop.class);
  private static final long REQUEUE_MILLIS = 200;

  private final String name;
  private final Reconciler reconciler;
  private final Projection projection;
  private final WorkQueue queue = new WorkQueue(50, 30_000, TimeUnit.MILLISECONDS);
  private volatile boolean running = true;
  private WatchHub.Subscription subscription;
  private Thread worker;

  public ControllerLoop(String name, Reconciler reconciler, Projection projection) {
    this.name = name;
    this.reconciler = reconciler;
    this.projection = projection;
  }

  public ControllerLoop start() {
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

  private void work() {
    while (running) {
      try {
        String key = queue.poll(System.nanoTime());
        if (key == null) {
          queue.await(50);
          continue;
        }
        try {
          if (reconciler.reconcile(key) == Reconciler.Result.REQUEUE) {
            queue.forget(key);
            queue.retry(key, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REQUEUE_MILLIS));
          } else {
            queue.forget(key);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Exception e) {
          LOG.warn("{}: reconciling {} failed, will retry: {}", name, key, e.toString());
          queue.retry(key, System.nanoTime());
        } finally {
          queue.done(key);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
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
