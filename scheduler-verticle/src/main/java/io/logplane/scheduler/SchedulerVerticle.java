package io.logplane.scheduler;

import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Scheduler} in a process: it follows the shared informers (whose handlers only
 * queue) and schedules on one worker thread of its own until undeployed. Its writes go through
 * the writer it is given, as {@code system:kube-scheduler}.
 */
public final class SchedulerVerticle extends VerticleBase {

  /** The user the scheduler writes as, as kube-scheduler's. */
  public static final String USER = "system:kube-scheduler";

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerVerticle.class);

  private final Informers informers;
  private final ObjectWriter writer;
  private volatile boolean running;
  private Runnable unfollow;
  private WorkerExecutor worker;
  private Future<Void> stopped;

  public SchedulerVerticle(Informers informers, ObjectWriter writer) {
    this.informers = informers;
    this.writer = writer;
  }

  @Override
  public Future<?> start() {
    Scheduler scheduler = new Scheduler(informers, writer, System::currentTimeMillis, new Random());
    running = true;
    unfollow = scheduler.follow(informers);
    // The loop runs as long as the verticle does: the blocked-thread checker is told so.
    worker = vertx.createSharedWorkerExecutor("scheduler", 1, 365, TimeUnit.DAYS);
    stopped = worker.executeBlocking(() -> {
      loop(scheduler);
      return null;
    }, false);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    running = false;
    unfollow.run();
    return stopped.recover(e -> Future.succeededFuture()).eventually(() -> worker.close());
  }

  private void loop(Scheduler scheduler) throws InterruptedException {
    while (running) {
      try {
        if (!scheduler.scheduleOne()) {
          scheduler.await(1_000);
        }
      } catch (RuntimeException e) {
        // A broken invariant for one pod must not stop scheduling the others.
        LOG.error("scheduling cycle failed", e);
      }
    }
  }
}
