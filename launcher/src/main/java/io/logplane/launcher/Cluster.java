package io.logplane.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.api.ApiContext;
import io.logplane.api.ApiServer;
import io.logplane.api.admission.SecretCipher;
import io.logplane.api.auth.Kubeconfig;
import io.logplane.api.auth.Pki;
import io.logplane.api.auth.Tokens;
import io.logplane.api.http.RequestLimits;
import io.logplane.projections.podsecurity.PodSecurityConfiguration;
import io.logplane.api.monitoring.ServerMetrics;
import io.logplane.api.resources.Registry;
import io.logplane.api.validation.core.CoreKinds;
import io.logplane.api.validation.core.ServiceRanges;
import io.logplane.broker.EmbeddedKafka;
import io.logplane.controllers.ingress.IngressProxy;
import io.logplane.controllers.servicelb.ServiceLoadBalancerController;
import io.logplane.events.EventLog;
import io.logplane.events.KafkaChangelog;
import io.logplane.events.KafkaEventLog;
import io.logplane.launcher.jvm.HeapWatch;
import io.logplane.projections.ChangelogWriter;
import io.logplane.projections.ClusterNetwork;
import io.logplane.projections.Projection;
import io.logplane.projections.Proposals;
import io.logplane.projections.RocksStore;
import io.logplane.projections.StateMachine;
import io.logplane.projections.informers.Informers;
import io.logplane.projections.metrics.MetricsStore;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Everything of one Logplane server in one process: the lock on the data directory, the embedded
 * broker (unless an external Kafka is given), the log, the projection over RocksDB, and the API
 * server. Started in that order, stopped in the reverse one. {@link #start} throws a
 * {@link CannotStartException} for a data directory in use or a port taken, before it changes
 * anything.
 */
public final class Cluster implements AutoCloseable {

  public static final String TOPIC = "logplane";
  /** The changelog of the projection's store: what each committed batch wrote (see {@link ChangelogWriter}). */
  public static final String CHANGES = "logplane-changes";

  /**
   * Settings of {@code logplane up} / {@code logplane server}.
   * @param controllers whether this server runs the controllers and the scheduler (under leader
   *     election); without, it serves the API only, as a kube-apiserver without its
   *     controller-manager and scheduler
   * @param ingressPort the HTTP port of the Ingress controller's proxy (below zero: none; zero: any free one)
   * @param ingressTlsPort its HTTPS port (as ingressPort)
   * @param dnsPort the port of the cluster DNS, on the loopback address and on the one pods reach;
   *     negative for no DNS
   * @param dnsUpstreams where the DNS forwards names outside the cluster; empty for the host's
   *     resolvers (those of {@code /etc/resolv.conf})
   * @param network the address ranges asked for (see {@link NetworkFlags})
   * @param loadBalancerPool the range the load-balancer controller gives LoadBalancer Services
   *     their addresses from
   * @param podSecurity the PodSecurity admission's defaults and exemptions
   * @param sharedDir where the cluster's identity and keys are kept (CA and serving certificate,
   *     tokens, service-account signing key, Secret data keys), when several servers on one Kafka
   *     share them; null: in the data directory, this server's own
   */
  public record Options(Path dataDir, String host, int apiPort, int kafkaPort, String externalKafka,
      int replicationFactor, boolean controllers, int ingressPort, int ingressTlsPort, int dnsPort,
      List<InetSocketAddress> dnsUpstreams, NetworkFlags network, String loadBalancerPool, RequestLimits limits,
      PodSecurityConfiguration podSecurity, Path sharedDir) {
    /** Without Ingress proxy nor DNS. */
    public Options(Path dataDir, String host, int apiPort, int kafkaPort, String externalKafka, int replicationFactor,
        boolean controllers) {
      this(dataDir, host, apiPort, kafkaPort, externalKafka, replicationFactor, controllers, -1, -1, -1, List.of(),
          NetworkFlags.NONE, ServiceLoadBalancerController.DEFAULT_POOL, RequestLimits.DEFAULT,
          PodSecurityConfiguration.NONE, null);
    }

    /** With an Ingress proxy on these ports, without DNS. */
    public Options(Path dataDir, String host, int apiPort, int kafkaPort, String externalKafka, int replicationFactor,
        boolean controllers, int ingressPort, int ingressTlsPort) {
      this(dataDir, host, apiPort, kafkaPort, externalKafka, replicationFactor, controllers, ingressPort,
          ingressTlsPort, -1, List.of(), NetworkFlags.NONE, ServiceLoadBalancerController.DEFAULT_POOL,
          RequestLimits.DEFAULT, PodSecurityConfiguration.NONE, null);
    }

    public Options(Path dataDir, String host, int apiPort, int kafkaPort, String externalKafka, int replicationFactor) {
      this(dataDir, host, apiPort, kafkaPort, externalKafka, replicationFactor, true);
    }

    /** These options with the cluster DNS on a port, forwarding to these upstreams (empty: the host's). */
    public Options withDns(int port, List<InetSocketAddress> upstreams) {
      return new Options(dataDir, host, apiPort, kafkaPort, externalKafka, replicationFactor, controllers,
          ingressPort, ingressTlsPort, port, upstreams, network, loadBalancerPool, limits, podSecurity, sharedDir);
    }

    /** These options asking for these address ranges. */
    public Options withNetwork(NetworkFlags asked) {
      return new Options(dataDir, host, apiPort, kafkaPort, externalKafka, replicationFactor, controllers,
          ingressPort, ingressTlsPort, dnsPort, dnsUpstreams, asked, loadBalancerPool, limits, podSecurity, sharedDir);
    }

    /** These options with LoadBalancer Services' addresses from this range. */
    public Options withLoadBalancerPool(String pool) {
      return new Options(dataDir, host, apiPort, kafkaPort, externalKafka, replicationFactor, controllers,
          ingressPort, ingressTlsPort, dnsPort, dnsUpstreams, network, pool, limits, podSecurity, sharedDir);
    }

    /** These options with PodSecurity defaults and exemptions (kube's admission configuration). */
    public Options withPodSecurity(PodSecurityConfiguration config) {
      return new Options(dataDir, host, apiPort, kafkaPort, externalKafka, replicationFactor, controllers,
          ingressPort, ingressTlsPort, dnsPort, dnsUpstreams, network, loadBalancerPool, limits, config, sharedDir);
    }

    /** These options keeping the cluster's identity and keys in {@code dir}, which other servers share. */
    public Options withSharedDir(Path dir) {
      return new Options(dataDir, host, apiPort, kafkaPort, externalKafka, replicationFactor, controllers,
          ingressPort, ingressTlsPort, dnsPort, dnsUpstreams, network, loadBalancerPool, limits, podSecurity, dir);
    }

    /** Where the cluster's identity and keys are: the shared directory, or the data directory. */
    public Path identityDir() {
      return sharedDir == null ? dataDir : sharedDir;
    }

    /** These options bounding the API's requests in flight. */
    public Options withLimits(RequestLimits bounds) {
      return new Options(dataDir, host, apiPort, kafkaPort, externalKafka, replicationFactor, controllers,
          ingressPort, ingressTlsPort, dnsPort, dnsUpstreams, network, loadBalancerPool, bounds, podSecurity,
          sharedDir);
    }
  }

  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private final Options options;
  private Vertx vertx;
  private ApiServer server;
  private Projection projection;
  private EventLog log;
  private Path kubeconfig;
  private MetricsStore metrics;
  private SecretCipher cipher;
  private Pki pki;
  private IngressProxy ingress;
  private int dnsPort = -1;
  private ClusterNetwork network;
  private String bootstrap;
  private final StartupTimes times;
  private final Runnable claimed;
  private final CompletableFuture<Void> started = new CompletableFuture<>(); // what can wait runs then

  private Cluster(Options options, StartupTimes times, Runnable claimed) {
    this.options = options;
    this.times = times;
    this.claimed = claimed;
  }

  public static Cluster start(Options options) throws Exception {
    return start(options, new StartupTimes(), () -> {});
  }

  /**
   * Starts the cluster, timing its steps into {@code times}; {@code claimed} runs once the data
   * directory is locked for this server and its ports are free, before anything is written
   * there (where the server's log files may begin).
   */
  public static Cluster start(Options options, StartupTimes times, Runnable claimed) throws Exception {
    Cluster c = new Cluster(options, times, claimed);
    try {
      c.boot();
      return c;
    } catch (Exception e) {
      c.close();
      throw e;
    }
  }

  private void boot() throws Exception {
    Path dir = options.dataDir();
    ClusterNetwork asked = asked();
    // Before anything opens the directory: a second server on it would rewrite the running
    // broker's metadata log before failing, and leave both servers broken.
    closeables.push(DataDirLock.acquire(dir));
    HeapWatch.start();
    PortCheck.check(options);
    claimed.run();
    times.done("lock and ports");
    bootstrap = options.externalKafka();
    // The embedded broker starts on a thread of its own (most of a server's start); this one goes on.
    CompletableFuture<EmbeddedKafka> broker = null;
    if (bootstrap == null) {
      broker = CompletableFuture.supplyAsync(() -> EmbeddedKafka.start(dir.resolve("kafka"), options.kafkaPort()),
          runnable -> new Thread(runnable, "embedded-kafka-start").start());
      CompletableFuture<EmbeddedKafka> started = broker;
      closeables.push(() -> started.handle((kafka, e) -> kafka).thenAccept(kafka -> {
        if (kafka != null) {
          kafka.close();
        }
      }).join());
    }
    RocksStore store = RocksStore.open(dir.resolve("state"));
    closeables.push(store);
    StateMachine machine = new StateMachine(Registry.builtinStatusResources());
    times.done("RocksDB");
    Identity identity = Identity.loadOrCreate(options, task -> started.thenRun(new Thread(task, "after-start")::start));
    pki = identity.pki();
    Tokens tokens = identity.tokens();
    cipher = identity.cipher();
    times.done("PKI and tokens");
    // While the broker starts: Vert.x, and what the API server builds before it listens. Vert.x is
    // closed by the first of its two closers (a second close is a no-op), the one before the projection.
    vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(16).setPreferNativeTransport(true));
    AutoCloseable closeVertx = () -> vertx.close().await(10, TimeUnit.SECONDS);
    closeables.push(closeVertx);
    Registry registry = new Registry();
    ApiServer.Prepared ahead = ApiServer.prepare(vertx, pki, registry);
    times.done("Vert.x");
    EmbeddedKafka embedded = broker == null ? null : StartupTimes.join(broker);
    if (embedded != null) {
      bootstrap = embedded.bootstrap();
      times.done("Kafka broker");
    }
    KafkaEventLog kafkaLog = LogTopic.open(dir, bootstrap, TOPIC, options.replicationFactor(), options.externalKafka());
    log = kafkaLog;
    closeables.push(log);
    times.done("log topic");
    KafkaChangelog changelog = KafkaChangelog.open(bootstrap, CHANGES, kafkaLog.replicas());
    closeables.push(changelog);
    times.done("changelog topic");
    if (embedded != null) {
      // The embedded broker is this process's and leads both topics: appends go to it in process (no
      // producer, no broker thread), a read's end offset is its high watermark read there, and another
      // writer is rare: others' records are read every 250 ms, not 20 (most of an idle server's work).
      kafkaLog.waitForOthers(java.time.Duration.ofMillis(250)).endOffsetFromLeaderInProcess(
          () -> embedded.endOffset(TOPIC)).appendInLeaderProcess(records -> embedded.append(TOPIC, records));
      changelog.appendInLeaderProcess(records -> embedded.append(CHANGES, records, KafkaChangelog.COMPRESSION));
    }
    projection = new Projection(log, store, machine, 100_000);
    // Other servers may share a user's Kafka: there the changelog's writer is elected.
    ChangelogWriter changes = ChangelogWriter.attach(changelog, store, projection, options.externalKafka() == null);
    closeables.push(changes);
    projection.start();
    closeables.push(projection);
    times.done("projection");
    Genesis.ensure(log, projection, asked);
    times.done("genesis");
    network = ClusterNetwork.recorded(this::stored);
    options.network().requireSameAs(network, dir);
    CoreKinds.useServiceRanges(ServiceRanges.of(network.serviceCidr().toString()));
    // One write path for the API and every controller: push-back sees all of this process's writes.
    Proposals proposals = new Proposals(log, projection);
    Crds.follow(projection, registry);
    closeables.push(closeVertx); // no request reaches a closed store
    SecretKeys.follow(projection, cipher, options.sharedDir() != null);
    // Node agents report to this process's API; its controllers scale on those figures.
    metrics = new MetricsStore(Clock.systemUTC());
    ApiContext api = new ApiContext(vertx, log, proposals, projection, registry, cipher, metrics,
        options.podSecurity());
    server = new ApiServer(api, machine, new ApiServer.Config(options.host(), options.apiPort(), pki, tokens,
        identity.serviceAccountKey(), options.limits()),
        new ServerMetrics(api, changes::lagRecords, Clock.systemUTC())).prepared(ahead);
    try {
      vertx.deployVerticle(server).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw PortCheck.takenMeanwhile(e, options.apiPort());
    }
    times.done("API server");
    Informers informers = Informers.over(projection);
    closeables.push(informers);
    times.done("informers");
    ClusterServices services = new ClusterServices(options, vertx, closeables, informers, proposals, projection,
        network, metrics, cipher, server.actualPort(), registry);
    if (options.externalKafka() != null) {
      services.electChangelogWriter(changes);
    }
    if (options.dnsPort() >= 0) {
      dnsPort = services.deployDns();
      times.done("DNS");
    }
    if (options.controllers()) {
      ingress = services.deployControllers(pki);
      times.done("controllers and scheduler");
    }
    kubeconfig = dir.resolve("kubeconfig");
    Kubeconfig.write(kubeconfig, Kubeconfig.render("logplane", url(), pki.caPem(), "admin", tokens.adminToken(),
        null, null));
    times.done("kubeconfig");
    started.complete(null);
  }

  /** Completes with what stopped the projection for good: the server cannot serve on, and exits. */
  public CompletableFuture<RuntimeException> projectionFailure() {
    return projection.failure();
  }

  /** The Ingress proxy's HTTP port (-1: none). */
  public int ingressPort() {
    return ingress == null ? -1 : ingress.httpPort();
  }

  /** The Ingress proxy's HTTPS port (-1: none). */
  public int ingressTlsPort() {
    return ingress == null ? -1 : ingress.tlsPort();
  }

  /** The object the projection holds at a key, or null. */
  private ObjectNode stored(String key) {
    return ClusterServices.stored(projection, key);
  }

  /** The ranges asked for, checked before anything starts. */
  private ClusterNetwork asked() throws CannotStartException {
    try {
      return options.network().forNewCluster();
    } catch (IllegalArgumentException e) {
      throw new CannotStartException(e.getMessage());
    }
  }

  /** How the log is kept, for the ready line: replicated on a Kafka cluster, or on the one embedded broker. */
  public String logReplication() {
    return LogTopic.replication(embeddedKafka(), (KafkaEventLog) log);
  }

  /** The Kafka cluster's bootstrap servers: the embedded broker's address, or those given. */
  public String kafkaBootstrap() {
    return bootstrap;
  }

  /** Whether the Kafka broker is this process's own. */
  public boolean embeddedKafka() {
    return options.externalKafka() == null;
  }

  public String url() {
    String host = options.host().equals("0.0.0.0") ? "127.0.0.1" : options.host();
    return "https://" + host + ":" + server.actualPort();
  }

  /** The port of the cluster DNS (the free one it took when asked for 0); -1 without DNS. */
  public int dnsPort() {
    return dnsPort;
  }

  /** The address ranges of this cluster, as its log recorded them. */
  public ClusterNetwork network() {
    return network;
  }

  public int apiPort() {
    return server.actualPort();
  }

  /** The process's Vert.x, for verticles deployed beside the API (closed with the cluster). */
  public Vertx vertx() {
    return vertx;
  }

  /**
   * The credentials of this server's own node, as a node that joined holds them: a client
   * certificate of {@code system:node:<name>} in {@code system:nodes} from the cluster CA.
   */
  public io.logplane.kubeclient.KubeConfig nodeCredentials(String nodeName) {
    io.logplane.api.auth.ClientCert cert = pki.issueClient("system:node:" + nodeName, List.of("system:nodes"));
    io.logplane.kubeclient.KubeConfig admin = io.logplane.kubeclient.KubeConfig.load(kubeconfig, null);
    return new io.logplane.kubeclient.KubeConfig(admin.server(), admin.caPem(), false, null,
        cert.certPem().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        cert.keyPem().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public Projection projection() {
    return projection;
  }

  public EventLog log() {
    return log;
  }

  @Override
  public void close() {
    while (!closeables.isEmpty()) {
      try {
        closeables.pop().close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(Cluster.class).warn("shutdown step failed: {}", e.toString());
      }
    }
  }
}
