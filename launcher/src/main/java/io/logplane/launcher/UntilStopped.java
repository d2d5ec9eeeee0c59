package io.logplane.launcher;

import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A verticle run until the process is stopped: deployed on a Vert.x of its own, which is closed
 * (within a given time) by the process's shutdown hook.
 */
final class UntilStopped {
  private UntilStopped() {}

  /**
   * Deploys {@code verticle}, calls {@code deployed} with it, and returns once the process was
   * stopped and Vert.x closed.
   *
   * @param what what runs, for the message of a stop that is not clean
   */
  static <V extends Deployable> void run(V verticle, long closeSeconds, String what, Consumer<V> deployed)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().await(closeSeconds, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("logplane: " + what + " did not stop cleanly: " + e);
      }
      stopped.countDown();
    }, "shutdown"));
    deployed.accept(verticle);
    stopped.await();
  }
}
