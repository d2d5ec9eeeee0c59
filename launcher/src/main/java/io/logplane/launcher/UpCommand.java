package io.logplane.launcher;

import ch.qos.logback.classic.Level;
import io.logplane.events.UnknownFormatException;
import io.logplane.kubeclient.KubeConfig;
import io.logplane.launcher.jvm.CompileDependencies;
import io.logplane.launcher.jvm.Relaunch;
import io.logplane.launcher.logging.LogLevelOption;
import io.logplane.launcher.logging.Logs;
import io.logplane.node.HollowNodeOptions;
import io.logplane.node.HollowNodes;
import io.logplane.node.RealNode;
import io.logplane.node.RealNodeOptions;
import java.lang.management.ManagementFactory;
import io.logplane.api.http.RequestLimits;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code logplane up}: everything in one process on an embedded Kafka broker. Its console says
 * what it starts and where, then the ready line, then only warnings and errors; its logs go to
 * files under the data directory ({@link Logs}), with where the start-up time went.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start Logplane in one process (embedded Kafka, projection, API) and write a kubeconfig.")
public class UpCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);

  @Mixin
  LogLevelOption logLevel = new LogLevelOption();

  @Option(names = "--data-dir", description = "Data directory (default: ${DEFAULT-VALUE}).",
      defaultValue = "${sys:user.home}/.logplane")
  Path dataDir;

  @Option(names = "--api-port", description = "HTTPS port of the API (default: ${DEFAULT-VALUE}).",
      defaultValue = "6443")
  int apiPort;

  @Option(names = "--dns-port", description = "Port of the cluster DNS, UDP and TCP, on 127.0.0.1 and on the"
      + " address pods reach (0: a free one; default: ${DEFAULT-VALUE}).", defaultValue = "10053")
  int dnsPort;

  @Option(names = "--ingress-port", description = "HTTP port of the Ingress controller (-1: none; default:"
      + " ${DEFAULT-VALUE}).", defaultValue = "8080")
  int ingressPort;

  @Option(names = "--ingress-tls-port", description = "HTTPS port of the Ingress controller (-1: none; default:"
      + " ${DEFAULT-VALUE}).", defaultValue = "8443")
  int ingressTlsPort;

  @Option(names = "--dns-upstream", hidden = true, split = ",", paramLabel = "HOST:PORT",
      description = "Where the DNS forwards names outside the cluster (default: the name servers of /etc/resolv.conf).")
  List<String> dnsUpstreams;

  @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).",
      defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--kafka-port", description = "Port of the embedded Kafka broker, on 127.0.0.1 (default: the one"
      + " it had, or a free one the first time); kept for the next start.")
  int kafkaPort;

  @Option(names = "--kafka", description = "Use this external Kafka cluster (host:port,...) instead of the embedded"
      + " broker.")
  String kafka;

  @Option(names = "--no-controllers", description = "Serve the API only: no controllers, no scheduler (as a"
      + " kube-apiserver without its controller-manager).")
  boolean noControllers;

  @Option(names = "--shared-dir", paramLabel = "DIR", description = "Keep the cluster's identity and keys here (CA"
      + " and serving certificate, tokens, service-account signing key, Secret data keys) instead of in the data"
      + " directory: servers on one --kafka given the same directory accept the same kubeconfig and"
      + " service-account tokens, and each reads the Secrets the others wrote.")
  Path sharedDir;

  @Option(names = "--replication-factor", description = "Replication factor of the log topic when it is made"
      + " (default: 1 embedded; with --kafka 3, or every broker when fewer).")
  Integer replicationFactor;

  @Option(names = "--hollow-nodes", paramLabel = "N", description = "Also run N simulated nodes"
      + " (hollow-node-0 to N-1) in this process, beside the local node (default: none).")
  int hollowNodes;

  @Option(names = "--no-local-node", description = "Run no node for this machine (by default one runs its pods'"
      + " containers with runc when it is root and has the tools).")
  boolean noLocalNode;

  @Option(names = "--pod-cidr", hidden = true, description = "The local node's pod CIDR.")
  String podCidr;

  @Option(names = "--node-name", hidden = true, description = "The local node's name (default: this"
      + " machine's host name).")
  String nodeName;

  @Option(names = "--service-cidr", paramLabel = "CIDR", description = "The range of Services' cluster IPs"
      + " (kube-apiserver's --service-cluster-ip-range); the kubernetes Service takes its first address, kube-dns"
      + " its tenth. Fixed when the cluster is made: a data directory's cluster keeps its own (default: "
      + "10.96.0.0/12).")
  String serviceCidr;

  @Option(names = "--cluster-cidr", paramLabel = "CIDR", description = "The range of pods' addresses, of which"
      + " each node is given its pod CIDR (kube-controller-manager's --cluster-cidr). Fixed when the cluster is"
      + " made (default: 10.244.0.0/16).")
  String clusterCidr;

  @Option(names = "--max-requests-inflight", paramLabel = "N", defaultValue = "400",
      description = "Reads served at once beyond which the API answers 429 (Retry-After: 1), as kube-apiserver's"
          + " flag; watches and other long-running requests and system:masters are not counted; 0 for no bound"
          + " (default: ${DEFAULT-VALUE}).")
  int maxRequestsInflight;

  @Option(names = "--max-mutating-requests-inflight", paramLabel = "N", defaultValue = "200",
      description = "The same bound for writes (default: ${DEFAULT-VALUE}).")
  int maxMutatingRequestsInflight;

  @Option(names = "--max-watches-per-user", paramLabel = "N", defaultValue = "1000",
      description = "How many watches one user may hold open at once; beyond, 429 (default: ${DEFAULT-VALUE};"
          + " 0 for no bound; system:masters is not bounded).")
  int maxWatchesPerUser;

  @Option(names = "--admission-control-config-file", paramLabel = "FILE",
      description = "kube's AdmissionConfiguration (YAML or JSON): its PodSecurity plugin's defaults and exemptions.")
  Path admissionConfig;

  @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "60s",
      description = "How long a request's body may take to arrive before the request is answered 408 and its"
          + " connection closed, as kube-apiserver's flag (default: ${DEFAULT-VALUE}).")
  String requestTimeout;

  @Option(names = "--lb-pool", paramLabel = "CIDR", defaultValue = RealNodeOptions.LOAD_BALANCER_POOL,
      description = "The range LoadBalancer Services get their addresses from, kept off the uplink by the"
          + " local node (default: ${DEFAULT-VALUE}).")
  String lbPool;

  @Option(names = "--node-cidr-mask-size", paramLabel = "N", description = "The prefix length of each node's"
      + " pod CIDR: /24 by default, 256 nodes in a /16; fixed when the cluster is made.")
  Integer nodeCidrMaskSize;

  @Option(names = "--node-host-names", hidden = true, split = ",", paramLabel = "BRIDGE,TABLE,CGROUP",
      description = "The local node's bridge, nftables table and cgroup parent, apart from another"
      + " node's on this machine.")
  List<String> nodeHostNames;

  @Option(names = "--node-port", hidden = true, description = "The port of the local node's server"
      + " (0: any free one).")
  Integer nodePort;

  @Override
  public Integer call() throws Exception {
    StartupTimes times = startupTimes();
    Level level = logLevel.level();
    Logs.console(level);
    int rf = replicationFactor != null ? replicationFactor : kafka == null ? 1 : 0;
    if (kafka != null && kafkaPort != 0) {
      System.err.println("logplane: --kafka-port sets the embedded broker's port; there is none with --kafka");
      return 2;
    }
    long timeout;
    try {
      timeout = io.logplane.bench.Units.duration(requestTimeout).toMillis();
    } catch (IllegalArgumentException e) {
      System.err.println("logplane: --request-timeout: " + e.getMessage());
      return 2;
    }
    io.logplane.projections.podsecurity.PodSecurityConfiguration podSecurity;
    try {
      podSecurity = admissionConfig == null ? io.logplane.projections.podsecurity.PodSecurityConfiguration.NONE
          : io.logplane.projections.podsecurity.PodSecurityConfiguration.of(
              new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                  .readTree(admissionConfig.toFile()));
    } catch (java.io.IOException | IllegalArgumentException e) {
      System.err.println("logplane: --admission-control-config-file: " + e.getMessage());
      return 2;
    }
    Path dir = dataDir.toAbsolutePath();
    System.out.printf("Logplane %s starting on %s (logs in %s)%n", Main.VERSION, dir, dir.resolve(Logs.DIR));
    Cluster cluster;
    try {
      cluster = Cluster.start(new Cluster.Options(dir, host, apiPort, kafkaPort, kafka, rf,
          !noControllers, ingressPort, ingressTlsPort).withDns(dnsPort, upstreams())
          .withNetwork(new NetworkFlags(serviceCidr, clusterCidr, nodeCidrMaskSize)).withLoadBalancerPool(lbPool)
          .withLimits(new RequestLimits(maxRequestsInflight, maxMutatingRequestsInflight, timeout)
              .withWatchesPerUser(maxWatchesPerUser)).withPodSecurity(podSecurity)
              .withSharedDir(sharedDir == null ? null : sharedDir.toAbsolutePath()),
          times,
          () -> Logs.server(dir, level));
    } catch (CannotStartException e) {
      System.err.println("logplane: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      UnknownFormatException newer = newerRecord(e);
      if (newer == null) {
        throw e;
      }
      System.err.println("logplane: " + newer.getMessage());
      return 1;
    }
    printStarted(cluster);
    if (!noLocalNode) {
      startLocalNode(cluster);
      times.done("local node");
    }
    if (hollowNodes > 0) {
      long room = 1L << (cluster.network().nodeCidrMaskSize() - cluster.network().clusterCidr().prefix());
      if (hollowNodes >= room) {
        System.out.printf("logplane: the cluster CIDR %s holds %d node CIDRs of /%d: the nodes past them wait for"
            + " one (a new cluster can be made with a wider --cluster-cidr)%n", cluster.network().clusterCidr(), room,
            cluster.network().nodeCidrMaskSize());
      }
      deployHollowNodes(cluster, hollowNodes);
      System.out.printf("%d hollow nodes (hollow-node-0 to hollow-node-%d)%n", hollowNodes, hollowNodes - 1);
      times.done("hollow nodes");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      cluster.close();
      stopped.countDown();
    }, "shutdown"));
    // A record this version cannot apply (a newer one's): serving on would answer from a state
    // that no longer moves, so the server says why and exits.
    cluster.projectionFailure().thenAccept(e -> {
      System.err.println("logplane: " + e.getMessage());
      stopped.countDown();
    });
    long millis = System.currentTimeMillis() - Relaunch.launchedAt();
    LOG.info("ready in {} ms: {}", millis, times);
    System.out.printf("Logplane is ready at %s (%d ms; %s); kubeconfig written to %s%n", cluster.url(), millis,
        cluster.logReplication(), cluster.kubeconfig());
    System.out.flush();
    CompileDependencies.initializeSoon();
    stopped.await();
    return cluster.projectionFailure().isDone() ? 1 : 0;
  }

  /** The newer record that stopped a start, if that is what did. */
  private static UnknownFormatException newerRecord(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownFormatException u) {
        return u;
      }
    }
    return null;
  }

  /**
   * The time before this code ran: the launcher's JVM until it started this one (when it did),
   * and this JVM until the command ran.
   */
  private static StartupTimes startupTimes() {
    StartupTimes times = new StartupTimes();
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long launched = Relaunch.launchedAt();
    if (launched < jvmStart) {
      times.add("launcher until the server's JVM", jvmStart - launched);
    }
    times.add("JVM until the command ran", System.currentTimeMillis() - jvmStart);
    return times;
  }

  /** One line for each part the cluster started, and where it listens. */
  private void printStarted(Cluster cluster) {
    System.out.println(cluster.embeddedKafka()
        ? "Kafka broker (embedded, KRaft) on " + cluster.kafkaBootstrap()
        : "Kafka cluster at " + cluster.kafkaBootstrap());
    System.out.println("API server on " + cluster.url() + (noControllers ? " (no controllers, no scheduler)" : ""));
    if (cluster.dnsPort() >= 0) {
      System.out.println("cluster DNS on port " + cluster.dnsPort() + " (UDP and TCP)");
    }
    if (cluster.ingressPort() >= 0 || cluster.ingressTlsPort() >= 0) {
      System.out.println("Ingress on HTTP port " + cluster.ingressPort() + ", HTTPS port " + cluster.ingressTlsPort());
    }
  }

  private List<java.net.InetSocketAddress> upstreams() {
    if (dnsUpstreams == null) {
      return List.of();
    }
    return dnsUpstreams.stream().map(u -> {
      int colon = u.lastIndexOf(':');
      return new java.net.InetSocketAddress(u.substring(0, colon), Integer.parseInt(u.substring(colon + 1)));
    }).toList();
  }

  /** This machine's node, when it can run here; else one line saying why, and up goes on without it. */
  private void startLocalNode(Cluster cluster) {
    Optional<String> cannot = RealNode.cannotRun();
    if (cannot.isPresent()) {
      System.out.println("logplane: no local node (pods stay Pending unless a node joins): " + cannot.get());
      return;
    }
    RealNodeOptions options = RealNodeOptions.of(
        nodeName != null ? nodeName : RealNodeOptions.hostname(), dataDir.toAbsolutePath())
        .withPodCidr(podCidr).withRanges(cluster.network().clusterCidr().toString(),
            cluster.network().serviceCidr().toString()).withLoadBalancerPool(lbPool);
    if (nodeHostNames != null && nodeHostNames.size() == 3) {
      options = options.withHostNames(nodeHostNames.get(0), nodeHostNames.get(1), nodeHostNames.get(2));
    }
    if (nodePort != null) {
      options = options.withPort(nodePort);
    }
    try {
      deployLocalNode(cluster, options);
      System.out.println("node " + options.name() + " (runc) runs this machine's pods");
    } catch (Exception e) {
      System.out.println("logplane: no local node: " + (e.getMessage() != null ? e.getMessage() : e));
    }
  }

  /**
   * A real node for this machine against this server's own URL, as itself ({@code system:node:<name>}), once it is
   * registered and runs its pods; it stops with the cluster.
   */
  public static RealNode deployLocalNode(Cluster cluster, RealNodeOptions options) throws Exception {
    RealNode node = new RealNode(cluster.nodeCredentials(options.name()), options);
    cluster.vertx().deployVerticle(node).await(30, TimeUnit.SECONDS);
    node.ready().await(60, TimeUnit.SECONDS);
    return node;
  }

  /** Simulated nodes against this server's own URL, as its admin; they stop with the cluster. */
  public static HollowNodes deployHollowNodes(Cluster cluster, int count) throws Exception {
    HollowNodes nodes = new HollowNodes(KubeConfig.load(cluster.kubeconfig(), null),
        HollowNodeOptions.of(count));
    cluster.vertx().deployVerticle(nodes).await(30, TimeUnit.SECONDS);
    return nodes;
  }
}
