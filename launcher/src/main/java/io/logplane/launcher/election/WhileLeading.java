package io.logplane.launcher.election;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.function.Consumer;

/**
 * A duty that is not a verticle of its own (the changelog's writing) switched on while this
 * replica holds a Lease: deployed in an {@link ElectionVerticle}'s group, it says {@code true}
 * when the replica starts leading and {@code false} when it stops or shuts down.
 */
public final class WhileLeading extends VerticleBase {

  private final Consumer<Boolean> duty;

  public WhileLeading(Consumer<Boolean> duty) {
    this.duty = duty;
  }

  @Override
  public Future<?> start() {
    duty.accept(true);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    duty.accept(false);
    return Future.succeededFuture();
  }
}
