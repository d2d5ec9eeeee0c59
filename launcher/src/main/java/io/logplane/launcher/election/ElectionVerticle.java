package io.logplane.launcher.election;

import io.logplane.projections.ObjectWriter;
import io.logplane.projections.informers.Informers;
import io.vertx.core.Future;
import io.vertx.core.Deployable;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a group of verticles (the controllers, or the scheduler) only while this replica holds
 * their Lease: deploys them when it starts leading, undeploys them when it stops, and on its
 * own undeployment stops them and releases the Lease.
 */
public final class ElectionVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ElectionVerticle.class);

  private final Elector elector;
  private final String lease;
  private final List<Supplier<Deployable>> group;
  private final List<String> deployed = new ArrayList<>();
  private volatile boolean running;
  private long timer = -1;
  /** Deployments and undeployments of the group, one after the other. */
  private Future<?> changes = Future.succeededFuture();

  /**
   * @param lease the Lease's name in kube-system ({@code kube-controller-manager})
   * @param identity this replica's holder identity
   * @param group makes the verticles run while leading (new ones at each start)
   */
  public ElectionVerticle(Informers informers, ObjectWriter writer, String lease, String identity,
      List<Supplier<Deployable>> group) {
    this.lease = lease;
    this.group = group;
    this.elector = new Elector(informers.informer("coordination.k8s.io/leases/"), writer,
        Elector.Config.of("kube-system", lease, identity), Clock.systemUTC(), new Elector.Callbacks() {
          @Override
          public void started() {
            LOG.info("leading {} as {}", lease, identity);
            context.runOnContext(v -> deployGroup());
          }

          @Override
          public void stopped() {
            LOG.warn("lost the lease {}: stopping what it guards", lease);
            context.runOnContext(v -> undeployGroup());
          }
        });
  }

  @Override
  public Future<?> start() {
    running = true;
    tick();
    return Future.succeededFuture();
  }

  private void tick() {
    elector.tick().thenAccept(next -> context.runOnContext(v -> {
      if (running) {
        timer = vertx.setTimer(Math.max(1, next.toMillis()), id -> tick());
      }
    }));
  }

  private void deployGroup() {
    changes = changes.eventually(() -> {
      List<Future<String>> all = new ArrayList<>();
      for (Supplier<Deployable> v : group) {
        all.add(vertx.deployVerticle(v.get()).onSuccess(deployed::add)
            .onFailure(e -> LOG.error("{}: a verticle failed to start: {}", lease, e.toString())));
      }
      return Future.join(all);
    });
  }

  private Future<?> undeployGroup() {
    changes = changes.eventually(() -> {
      List<Future<Void>> all = new ArrayList<>();
      for (String id : deployed) {
        all.add(vertx.undeploy(id));
      }
      deployed.clear();
      return Future.join(all);
    });
    return changes;
  }

  @Override
  public Future<?> stop() {
    running = false;
    vertx.cancelTimer(timer);
    return undeployGroup().eventually(() -> Future.fromCompletionStage(elector.release()));
  }

  /** How long a successor waits at most when this replica dies without releasing. */
  public static Duration leaseDuration() {
    return Elector.Config.of("", "", "").leaseDuration();
  }
}
