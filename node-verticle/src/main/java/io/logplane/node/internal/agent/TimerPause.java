package io.logplane.node.internal.agent;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * A {@link NodeAgent.Pause} on the owner's Vert.x timers: each timer kept in the owner's set
 * while it runs (so closing the owner cancels it), and failing once the owner is closed.
 */
public final class TimerPause implements NodeAgent.Pause {
  private final Context context;
  private final Set<Long> timers;
  private final BooleanSupplier closed;

  public TimerPause(Context context, Set<Long> timers, BooleanSupplier closed) {
    this.context = context;
    this.timers = timers;
    this.closed = closed;
  }

  @Override
  public Future<Void> after(long millis) {
    if (closed.getAsBoolean()) {
      return Future.failedFuture("closed");
    }
    Promise<Void> done = Promise.promise();
    long[] id = new long[1];
    id[0] = context.owner().setTimer(millis, t -> {
      timers.remove(id[0]);
      if (closed.getAsBoolean()) {
        done.fail("closed");
      } else {
        done.complete();
      }
    });
    timers.add(id[0]);
    return done.future();
  }
}
