package io.logplane.controllers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.projections.informers.Informer;
import io.logplane.projections.informers.Informers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs one {@link Controller}: its informers' changes queue keys (on the applying thread, which
 * only queues), and its workers, on a worker pool of their own, reconcile them one step at a
 * time until the verticle is undeployed. A reconciler that throws on one key delays that key
 * only.
 */
public final class ControllerVerticle extends VerticleBase {

  private final Controller controller;
  private final Informers informers;
  private final ControllerLoop loop;
  private final List<Runnable> unsubscribe = new ArrayList<>();
  private volatile boolean running;
  private WorkerExecutor workers;
  private Future<?> stopped;

  public ControllerVerticle(Controller controller, Informers informers, LongSupplier nanoTime) {
    this.controller = controller;
    this.informers = informers;
    this.loop = new ControllerLoop(controller.name(), controller.reconciler(), nanoTime, informers::settle);
  }

  public ControllerVerticle(Controller controller, Informers informers) {
    this(controller, informers, System::nanoTime);
  }

  @Override
  public Future<?> start() {
    running = true;
    follow(controller.primary(), (key, old, now) -> loop.add(key));
    for (Controller.Watch w : controller.watches()) {
      follow(w.prefix(), (key, old, now) -> {
        queueAll(w, old);
        queueAll(w, now);
      });
    }
    // Workers run as long as the controller does: the blocked-thread checker is told so.
    workers = vertx.createSharedWorkerExecutor("controller-" + controller.name(), controller.workers(),
        365, TimeUnit.DAYS);
    List<Future<Void>> done = new ArrayList<>();
    for (int i = 0; i < controller.workers(); i++) {
      done.add(workers.executeBlocking(() -> {
        loop.run(() -> running);
        return null;
      }, false));
    }
    stopped = Future.all(done);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    running = false;
    unsubscribe.forEach(Runnable::run);
    loop.wake();
    return stopped.recover(e -> Future.succeededFuture()).eventually(() -> workers.close());
  }

  private void follow(String prefix, Informer.Handler handler) {
    Informer informer = informers.informer(prefix);
    informer.addHandler(handler);
    unsubscribe.add(() -> informer.removeHandler(handler));
  }

  private void queueAll(Controller.Watch w, ObjectNode o) {
    if (o != null) {
      w.toKeys().apply(o).forEach(loop::add);
    }
  }
}
