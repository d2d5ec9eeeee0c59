package io.logplane.events.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Shares one slow query among concurrent callers without ever answering with a value older
 * than the caller's arrival.
 *
 * <p>At most one query runs at a time. A caller arriving while none runs starts one. A caller
 * arriving while one runs cannot use it (it may have been sent before the caller's own write
 * was acknowledged), so it waits for the next query, which starts when the running one ends
 * and serves every caller that arrived meanwhile. Under load this is two queries per round
 * trip however many callers there are.
 *
 * @param <T> the answer
 */
public final class Coalescer<T> {

  private final Callable<T> query;
  private final Executor executor;
  private boolean running;
  private CompletableFuture<T> next;

  /** {@code query} is run on {@code executor}, one at a time. */
  public Coalescer(Callable<T> query, Executor executor) {
    this.query = query;
    this.executor = executor;
  }

  /**
   * An answer from a query started after this call. Dependent stages attached without an
   * executor run on the query thread and delay the next query: keep them short.
   */
  public CompletableFuture<T> get() {
    CompletableFuture<T> mine;
    synchronized (this) {
      if (running) {
        if (next == null) {
          next = new CompletableFuture<>();
        }
        return next;
      }
      running = true;
      mine = new CompletableFuture<>();
    }
    try {
      executor.execute(() -> runFrom(mine));
    } catch (RejectedExecutionException e) {
      // Shut down: fail this caller and everyone queued behind it.
      CompletableFuture<T> queued;
      synchronized (this) {
        running = false;
        queued = next;
        next = null;
      }
      mine.completeExceptionally(e);
      if (queued != null) {
        queued.completeExceptionally(e);
      }
    }
    return mine;
  }

  private void runFrom(CompletableFuture<T> first) {
    CompletableFuture<T> current = first;
    while (current != null) {
      T value = null;
      Throwable failure = null;
      try {
        value = query.call();
      } catch (Throwable t) {
        failure = t;
      }
      CompletableFuture<T> following;
      synchronized (this) {
        following = next;
        next = null;
        running = following != null;
      }
      if (failure == null) {
        current.complete(value);
      } else {
        current.completeExceptionally(failure);
      }
      current = following;
    }
  }
}
