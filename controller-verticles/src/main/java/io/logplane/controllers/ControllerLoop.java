package io.logplane.controllers;

import io.logplane.projections.TooManyRequests;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared reconcile loop of one controller: a {@link WorkQueue} of keys and the reconciler,
 * run one {@link #step} at a time by the controller's workers: requeueing with backoff on
 * failure, after the asked delay, or after the write path's hint when it pushes back. The
 * retries of every controller live here, never in a reconciler.
 */
public final class ControllerLoop {

  private static final Logger LOG = LoggerFactory.getLogger(ControllerLoop.class);
  static final Duration BASE_BACKOFF = Duration.ofMillis(50);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  /** How long an idle worker sleeps between looks at the queue's due times. */
  private static final long IDLE_MILLIS = 50;

  private final String name;
  private final Reconciler reconciler;
  private final WorkQueue queue;
  private final Runnable settle;

  /** A loop whose due times and backoffs are read from the given clock, as {@link System#nanoTime}. */
  public ControllerLoop(String name, Reconciler reconciler, LongSupplier nanoTime) {
    this(name, reconciler, nanoTime, () -> {});
  }

  /**
   * A loop that runs {@code settle} before each reconcile: {@code Informers::settle}, so that
   * the reconciler reads its informers as of one applied batch.
   */
  public ControllerLoop(String name, Reconciler reconciler, LongSupplier nanoTime, Runnable settle) {
    this.name = name;
    this.reconciler = reconciler;
    this.queue = new WorkQueue(BASE_BACKOFF, MAX_BACKOFF, nanoTime);
    this.settle = settle;
  }

  /** Queues a key to reconcile, as an event for it does. */
  public void add(String key) {
    queue.add(key);
  }

  /** How many keys wait, due or not. */
  public int pending() {
    return queue.size();
  }

  /**
   * Reconciles the next due key, if any, and files what comes next for it; false when no key
   * was due. Workers call it in a loop; tests call it directly.
   */
  public boolean step() throws InterruptedException {
    String key = queue.poll();
    if (key == null) {
      return false;
    }
    try {
      settle.run();
      Reconciler.Result result = reconciler.reconcile(key);
      queue.forget(key);
      if (!result.done()) {
        queue.addAfter(key, result.requeueAfter());
      }
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      Throwable cause = unwrap(e);
      if (cause instanceof TooManyRequests t) {
        // Push-back is not a failure: slow down by the hint, keep the backoff as it was.
        LOG.debug("{}: {} pushed back, again in {}", name, key, t.retryAfter());
        queue.holdOff(key, t.retryAfter());
      } else {
        LOG.warn("{}: reconciling {} failed, will retry: {}", name, key, cause.toString());
        queue.retry(key);
      }
    } finally {
      queue.done(key);
    }
    return true;
  }

  /** Steps until {@code running} turns false: the body of one worker. */
  public void run(BooleanSupplier running) throws InterruptedException {
    while (running.getAsBoolean()) {
      if (!step()) {
        queue.await(IDLE_MILLIS);
      }
    }
  }

  /** Wakes idle workers (to see that they should stop). */
  public void wake() {
    queue.wake();
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
