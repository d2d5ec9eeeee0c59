package io.logplane.node;

import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.KubeConfig;
import io.logplane.node.internal.agent.Api;
import io.logplane.node.internal.hollow.Fleet;
import io.logplane.node.internal.hollow.Identities;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Simulated nodes, as kubemark's hollow kubelets and kwok's nodes: each registers a Node,
 * renews its Lease and moves the pods bound to it through their phases, with no container
 * anywhere. They speak to the control plane only over the Kubernetes API, with the kubeconfig
 * given, so they run against Logplane or any kube-apiserver. All nodes of one deployment
 * share one client, one pod watch and one bound on requests in flight.
 *
 * <p>{@link #start} returns once the work is under way; {@link #registered} tells when every
 * Node is there (an unreachable server is waited for, never a failure).
 */
public final class HollowNodes extends VerticleBase {
  private final KubeConfig config;
  private final HollowNodeOptions options;
  private final Clock clock;
  private final Promise<Void> registered = Promise.promise();
  private KubeClient client;
  private Fleet fleet;

  public HollowNodes(KubeConfig config, HollowNodeOptions options) {
    this(config, options, Clock.systemUTC());
  }

  HollowNodes(KubeConfig config, HollowNodeOptions options, Clock clock) {
    this.config = config;
    this.options = options;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    // The client has a Vert.x of its own, made on a thread of no Vert.x.
    return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> new KubeClient(config,
        "logplane-hollow-node/0.1.0", 1, Duration.ofSeconds(30))), context).onSuccess(c -> {
          client = c;
          Api api = new Api(c, context, options.maxInFlight());
          fleet = new Fleet(context, api, c, Identities.of(options), clock);
          fleet.start().onComplete(registered);
        });
  }

  /** Completes when every Node is registered. */
  public Future<Void> registered() {
    return registered.future();
  }

  @Override
  public Future<?> stop() {
    if (fleet != null) {
      fleet.close();
    }
    KubeClient c = client;
    return c == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
      c.close(); // its own event loop: closed off this one, which it would block
      return null;
    });
  }
}
