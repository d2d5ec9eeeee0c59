package io.logplane.node.internal.real;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.kubeclient.KubeClient;
import io.logplane.kubeclient.ListWatch;
import io.logplane.node.RealNodeOptions;
import io.logplane.node.internal.agent.Api;
import io.logplane.node.internal.agent.EventRecorder;
import io.logplane.node.internal.images.PeriodicImageGc;
import io.logplane.node.internal.agent.MetricsReports;
import io.logplane.node.internal.agent.NodeAgent;
import io.logplane.node.internal.agent.TimerPause;
import io.logplane.node.internal.agent.NodeFacts;
import io.logplane.node.internal.agent.PodWorkers;
import io.logplane.node.internal.images.ImageStore;
import io.logplane.node.internal.images.StatusImages;
import io.logplane.node.internal.images.StoreImageSource;
import io.logplane.node.internal.machine.CgroupUsage;
import io.logplane.node.internal.machine.HostFiles;
import io.logplane.node.internal.machine.MachineFacts;
import io.logplane.node.internal.machine.MachineMetrics;
import io.logplane.node.internal.machine.NodeUsage;
import io.logplane.node.internal.runtime.Capabilities;
import io.logplane.node.internal.runtime.ContainerRuntime;
import io.logplane.node.internal.runtime.Runc;
import io.logplane.node.internal.runtime.RuntimeConfig;
import io.logplane.node.internal.runtime.UplinkGuard;
import io.logplane.node.internal.server.ContainerExecs;
import io.logplane.node.internal.server.LogFiles;
import io.logplane.node.internal.server.LogRotation;
import io.logplane.node.internal.server.NodeServer;
import io.logplane.node.internal.volumes.ApiObjects;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real node, put together: its machine's facts and its store's images read (and read again
 * every 10 s, off the event loop), its server listening on the node's InternalIP for what the
 * API server proxies to it (container logs), its Node registered (again every 5 s while the
 * server refuses) with the pod CIDR the Node holds or a free one and the port its server took,
 * then the uplink drop rules installed for the cluster's ranges before anything of a pod is
 * made, then its pods ({@code spec.nodeName=NAME}) watched and run by {@link RealPods} on runc
 * with images from the store under the data directory, the Lease and status kept by
 * {@link NodeAgent} on a one-second tick, the machine's and containers' usage reported every
 * 15 s, and the containers' logs rotated every 10 s. After each list of its pods, what is on
 * disk of pods that left the node while its agent was away is removed; those still bound are
 * adopted. Services, EndpointSlices, NetworkPolicies and claims are watched too, and served by
 * {@link NodeServices}. {@link #close} closes the server, removes the proxy's and the policies'
 * rules, and removes the
 * drop rules when no container of the
 * node runs any more (pods outlive their agent, and their packets must still be kept off the
 * wire). Runs on the owner's context; the blocking parts on workers.
 */
public final class RealAgent {
  private static final Logger LOG = LoggerFactory.getLogger(RealAgent.class);
  private static final long TICK_MILLIS = 1000;
  private static final long FACTS_MILLIS = 10_000;
  private static final long ROTATE_MILLIS = 10_000;
  /** How many container logs the server copies at once. */
  private static final int LOG_STREAMS = 64;
  private static final long REGISTER_RETRY_MILLIS = 5000;
  /** The first wait for the pod CIDR the node IPAM controller assigns the new Node, doubled after each read. */
  private static final long FIRST_CIDR_POLL_MILLIS = 10;
  private static final Duration METRICS_PERIOD = Duration.ofSeconds(15);

  private final Context context;
  private final Api api;
  private final KubeClient client;
  private final RealNodeOptions options;
  private final NodeTools tools;
  private final Clock clock;
  private final HostFiles host = HostFiles.host();
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "real-node-pods");
    t.setDaemon(true);
    return t;
  });
  private final AtomicReference<NodeFacts> facts = new AtomicReference<>();
  private final Set<Long> timers = new HashSet<>();
  private final NodeAgent.Pause pause;
  private MachineFacts machine;
  private ImageStore store;
  private NodeServer server;
  private HttpServer listening;
  private LogRotation rotation;
  private String runtimeVersion;
  private NodeAgent agent;
  private UplinkGuard guard;
  private NodeServices services;
  private volatile ContainerRuntime runtime;
  private RealPods realPods;
  private PeriodicImageGc imageGc;
  private MachineMetrics metrics;
  private MetricsReports reports;
  private volatile PodWorkers pods;
  private ListWatch watch;
  private Instant reported;
  private boolean sampling;
  private volatile boolean closed;

  public RealAgent(Context context, Api api, KubeClient client, RealNodeOptions options,
      NodeTools tools, Clock clock) {
    this.context = context;
    this.api = api;
    this.client = client;
    this.options = options;
    this.tools = tools;
    this.clock = clock;
    this.pause = new TimerPause(context, timers, () -> closed);
  }

  /** Completes once the node is registered, guarded and watching its pods. */
  public Future<Void> start() {
    return blocking(this::readMachine)
        .compose(v -> listen())
        .compose(v -> {
          agent = new NodeAgent(api, RealNodeIdentity.of(options.name(), facts.get(), options.podCidr(),
              runtimeVersion), facts::get, pause).firstCidrPollAfter(FIRST_CIDR_POLL_MILLIS);
          if (options.podCidr() == null) {
            LOG.info("node {}: registering, then waiting for the pod CIDR the node IPAM controller assigns",
                options.name());
          }
          return register();
        })
        .compose(v -> blocking(this::prepareMachine))
        .compose(v -> closed ? Future.<Void>failedFuture("closed") : Future.<Void>succeededFuture())
        .onSuccess(v -> run());
  }

  private Void readMachine() throws Exception {
    Path nodeDir = Files.createDirectories(options.dataDir().resolve("node"));
    runtimeVersion = new Runc(tools.runc(), nodeDir.resolve("runc")).version();
    String ip = MachineFacts.internalIp(host);
    machine = new MachineFacts(host, nodeDir, runtimeVersion, ip, options.name());
    store = new ImageStore(options.dataDir(), clock);
    facts.set(readFacts(options.port()));
    return null;
  }

  /** The machine's facts and the store's images now; blocking. */
  private NodeFacts readFacts(int port) throws IOException {
    return machine.read().withImages(StatusImages.of(store.list())).withPort(port);
  }

  /**
   * The node's server on its InternalIP, the address its Node reports and the API server
   * dials: this machine's own (the default route's interface's, or the loopback address).
   * The Node reports the port it listens on.
   */
  private Future<Void> listen() {
    String ip = facts.get().addresses().get(0).address();
    // The pods and the runtime come later: until then the server finds no pod.
    server = new NodeServer(context.owner(), this::pod, LogFiles.of(() -> runtime), LOG_STREAMS,
        ContainerExecs.of(() -> runtime), id -> runtime == null ? "" : runtime.netnsPath(id).toString(),
        options.streamingIdle());
    return server.listen(new HttpServerOptions(), ip, options.port()).map(s -> {
      if (closed) {
        s.close(); // closed while it bound
        return null;
      }
      listening = s;
      facts.set(facts.get().withPort(s.actualPort()));
      LOG.info("node {} serves container logs on {}:{}", options.name(), ip, s.actualPort());
      return (Void) null;
    }).recover(e -> Future.failedFuture(new IllegalStateException("the node's server cannot listen"
        + " on " + ip + ":" + options.port() + ": " + e.getMessage(), e)));
  }

  /** The pod as the pod workers hold it, answered on the owner's context. */
  private Future<JsonNode> pod(String namespace, String name) {
    Promise<JsonNode> found = Promise.promise();
    context.runOnContext(v -> {
      PodWorkers p = pods;
      found.complete(p == null ? null : p.pod(namespace, name));
    });
    return found.future();
  }

  private Future<Void> register() {
    return agent.register(clock.instant()).recover(e -> {
      if (closed) {
        return Future.failedFuture(e);
      }
      LOG.warn("node {} not registered, again in {} ms: {}", agent.name(), REGISTER_RETRY_MILLIS,
          e.getMessage());
      return pause.after(REGISTER_RETRY_MILLIS).compose(v -> register());
    });
  }

  /** The drop rules first, then what runs the pods. */
  private Void prepareMachine() throws Exception {
    String cidr = agent.podCidr();
    List<String> ranges = new ArrayList<>(PodCidrs.guarded(cidr, options.clusterCidr(), options.serviceCidr()));
    if (options.loadBalancerPool() != null) {
      ranges.add(options.loadBalancerPool());
    }
    guard = new UplinkGuard(options.nftTable(), ranges);
    List<String> uplinks = guard.install();
    LOG.info("node {}: pod CIDR {}; {} kept off {} (nft table inet {})", options.name(), cidr,
        ranges, uplinks, options.nftTable());
    services = new NodeServices(options);
    Path nodeDir = options.dataDir().resolve("node");
    Path holder = HolderRoot.make(nodeDir.resolve("holder"), tools.busybox());
    RuntimeConfig config = new RuntimeConfig(nodeDir, tools.runc(), tools.conmon(),
        tools.cniPluginDir(), options.bridge(), cidr, options.cgroupParent(), holder,
        HolderRoot.ARGS);
    runtime = new ContainerRuntime(config, Capabilities.ofThisProcess());
    StoreImageSource images = new StoreImageSource(store);
    String resolvConf = host.readIfThere("/etc/resolv.conf").orElse("");
    // ConfigMaps and Secrets of env and volumes: read through the API, each kept 5 s (a running
    // pod is synced every second), a read given 10 s.
    RecordedPodEvents events = new RecordedPodEvents(new EventRecorder(api, options.name()),
        context, clock);
    imageGc = new PeriodicImageGc(store, events::nodeWarning);
    realPods = new RealPods(runtime, images, new ApiPullSecrets(client), resolvConf, options.clusterDns(), clock, pool,
        new ApiObjects(api, context, clock, Duration.ofSeconds(5), Duration.ofSeconds(10)), events);
    metrics = new MachineMetrics(new NodeUsage(host), new CgroupUsage(host));
    rotation = new LogRotation(config.logs(), LogFiles.of(runtime), LogRotation.MAX_BYTES,
        LogRotation.MAX_FILES, clock);
    return null;
  }

  private void run() {
    reports = new MetricsReports(api);
    pods = new PodWorkers(api, agent, realPods);
    realPods.whenChanged(uid -> context.runOnContext(v -> pods.changed(uid, clock.instant())));
    timers.add(context.owner().setPeriodic(TICK_MILLIS, t -> tick()));
    timers.add(context.owner().setPeriodic(FACTS_MILLIS, t -> blocking(() -> readFacts(facts.get().port()))
        .onSuccess(facts::set)
        .onFailure(e -> LOG.warn("cannot read the machine's facts: {}", e.toString()))));
    timers.add(context.owner().setPeriodic(ROTATE_MILLIS, t -> blocking(() -> {
      rotation.rotateAll();
      return null;
    })));
    timers.add(context.owner().setPeriodic(PeriodicImageGc.PERIOD.toMillis(), t -> {
      Set<String> used = pods.images();
      blocking(() -> imageGc.run(used));
    }));
    String selector = "fieldSelector=spec.nodeName%3D" + options.name();
    watch = ListWatch.start(client, "/api/v1/pods", selector, new Listener());
    services.watch(client, api, context, clock);
    LOG.info("node {} runs its pods", options.name());
  }

  private void tick() {
    Instant now = clock.instant();
    agent.tick(now);
    pods.tick(now);
    if (!sampling && !reports.refused()
        && (reported == null || !now.isBefore(reported.plus(METRICS_PERIOD)))) {
      reported = now;
      sampling = true;
      List<MachineMetrics.Running> running = RunningContainers.of(pods.running(),
          runtime::cgroupsPath);
      blocking(() -> metrics.sample(now, running)).onComplete(ar -> {
        sampling = false;
        if (ar.succeeded() && !closed) {
          MachineMetrics.report(options.name(), ar.result(), reports);
        }
      });
    }
  }

  /** The packets the drop rules dropped so far (0 before they are installed); blocking. */
  public long uplinkDrops() {
    UplinkGuard g = guard;
    if (g == null || !g.installed()) {
      return 0;
    }
    UplinkGuard.Counters c = g.counters();
    return c.outputPackets() + c.forwardPackets();
  }

  /** The pod watch, its calls moved onto the owner's context. */
  private final class Listener implements ListWatch.Listener {
    @Override
    public void listed(List<JsonNode> items) {
      context.runOnContext(v -> {
        if (!closed) {
          pods.listed(items, clock.instant());
          Set<String> bound = new HashSet<>();
          items.forEach(p -> bound.add(p.path("metadata").path("uid").asText()));
          realPods.removeOrphans(bound);
        }
      });
    }

    @Override
    public void changed(String type, JsonNode pod) {
      context.runOnContext(v -> {
        if (closed) {
          return;
        }
        if ("DELETED".equals(type)) {
          pods.gone(pod);
        } else {
          pods.update(pod, clock.instant());
        }
      });
    }
  }

  /**
   * Stops: the watch closed, the timers cancelled, pending requests dropped; the drop rules
   * removed unless containers of the node still run.
   */
  public Future<Void> close() {
    closed = true;
    timers.forEach(context.owner()::cancelTimer);
    timers.clear();
    if (watch != null) {
      watch.close();
    }
    if (services != null) {
      services.close();
    }
    if (server != null) {
      server.close();
    }
    Future<Void> unbound = listening == null ? Future.succeededFuture() : listening.close();
    api.close();
    pool.shutdown();
    return unbound.recover(e -> Future.succeededFuture()).compose(v -> blocking(() -> {
      if (services != null) {
        services.removeRules();
      }
      if (guard == null) {
        return null;
      }
      List<String> left = runtime == null ? List.of() : runtime.containers();
      if (left.isEmpty()) {
        guard.remove();
      } else {
        LOG.warn("node {}: {} containers still run, so the uplink drop rules stay (nft table inet {})",
            options.name(), left.size(), options.nftTable());
      }
      return null;
    }));
  }

  private <T> Future<T> blocking(Callable<T> work) {
    return context.executeBlocking(work, false);
  }
}
