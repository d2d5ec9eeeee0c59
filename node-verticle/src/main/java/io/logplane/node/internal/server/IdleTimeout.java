package io.logplane.node.internal.server;

import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * Closes a streaming connection (exec, attach, port-forward) that carried nothing either way for
 * a while, as the kubelet's {@code --streaming-connection-idle-timeout} does. Traffic is told with
 * {@link #touch()}, from any thread; one timer runs per connection, set again for what is left
 * when it finds traffic since.
 */
public final class IdleTimeout {
  private static final IdleTimeout NEVER = new IdleTimeout(null, 0, () -> { });

  private final Vertx vertx;
  private final long timeoutNanos;
  private final Runnable onIdle;
  private volatile long last = System.nanoTime();
  private volatile boolean stopped;
  private long timer = -1;

  private IdleTimeout(Vertx vertx, long timeoutNanos, Runnable onIdle) {
    this.vertx = vertx;
    this.timeoutNanos = timeoutNanos;
    this.onIdle = onIdle;
  }

  /**
   * Watches a connection from now: {@code onIdle} runs once, on the caller's context, when
   * {@code timeout} passed with no {@link #touch()}. A zero or negative timeout never runs it.
   */
  public static IdleTimeout start(Vertx vertx, Duration timeout, Runnable onIdle) {
    if (timeout.isZero() || timeout.isNegative()) {
      return NEVER;
    }
    IdleTimeout t = new IdleTimeout(vertx, timeout.toNanos(), onIdle);
    t.schedule(t.timeoutNanos);
    return t;
  }

  /** Traffic went through. */
  public void touch() {
    last = System.nanoTime();
  }

  /** The connection ended: nothing more to watch. */
  public void stop() {
    stopped = true;
    if (vertx != null && timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void schedule(long nanos) {
    timer = vertx.setTimer(Math.max(1, nanos / 1_000_000), id -> check());
  }

  private void check() {
    if (stopped) {
      return;
    }
    long idle = System.nanoTime() - last;
    if (idle >= timeoutNanos) {
      stopped = true;
      onIdle.run();
    } else {
      schedule(timeoutNanos - idle);
    }
  }
}
