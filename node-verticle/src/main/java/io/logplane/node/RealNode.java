package io.logplane.node;

import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.KubeConfig;
import io.logplane.node.internal.agent.Api;
import io.logplane.node.internal.real.NodeTools;
import io.logplane.node.internal.real.RealAgent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A real node: this machine's, running its pods' containers with runc under conmon, as the
 * kubelet with a CRI runtime does. It speaks to the control plane only over the Kubernetes API,
 * with the kubeconfig given, so it runs alike beside the server ({@code logplane up}) and on
 * another machine ({@code logplane node}). It shares the hollow nodes' registration, Lease,
 * status and pod workers; only the runtime differs.
 *
 * <p>Needs root and the tools {@link #cannotRun} names. {@link #start} returns once the work is
 * under way; {@link #ready} tells when the Node is registered, the uplink drop rules are in
 * place and the node watches its pods. Stopped, it removes the drop rules unless containers of
 * its pods still run.
 */
public final class RealNode extends VerticleBase {
  private final KubeConfig config;
  private final RealNodeOptions options;
  private final Promise<Void> ready = Promise.promise();
  private KubeClient client;
  private RealAgent agent;

  public RealNode(KubeConfig config, RealNodeOptions options) {
    this.config = config;
    this.options = options;
  }

  /** Why a real node cannot run on this machine, in one line naming what to install; empty when it can. */
  public static Optional<String> cannotRun() {
    return Optional.ofNullable(NodeTools.find().missing());
  }

  /**
   * The address a real node on this machine reports as its InternalIP (that of the default
   * route's interface, or the loopback one on a machine without a default route): where what
   * runs beside the node listens for its pods.
   */
  public static String hostAddress() {
    return io.logplane.node.internal.machine.MachineFacts.internalIp(io.logplane.node.internal.machine.HostFiles.host());
  }

  @Override
  public Future<?> start() {
    NodeTools.Result tools = NodeTools.find();
    if (tools.tools() == null) {
      return Future.failedFuture(new IllegalStateException("a real node cannot run here: "
          + tools.missing()));
    }
    // The client has a Vert.x of its own, made on a thread of no Vert.x.
    return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> new KubeClient(config,
        "logplane-node/0.1.0", 1, Duration.ofSeconds(30))), context).onSuccess(c -> {
          client = c;
          agent = new RealAgent(context, new Api(c, context, 16), c, options, tools.tools(),
              Clock.systemUTC());
          agent.start().onComplete(ready);
        });
  }

  /** Completes when the node is registered, guarded and running its pods. */
  public Future<Void> ready() {
    return ready.future();
  }

  public String name() {
    return options.name();
  }

  /** The packets to or from the cluster's ranges dropped on the uplink so far; blocking. */
  public long uplinkDrops() {
    return agent == null ? 0 : agent.uplinkDrops();
  }

  @Override
  public Future<?> stop() {
    Future<Void> stopped = agent == null ? Future.succeededFuture() : agent.close();
    KubeClient c = client;
    return stopped.eventually(() -> c == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
      c.close(); // its own event loop: closed off this one, which it would block
      return null;
    }));
  }
}
