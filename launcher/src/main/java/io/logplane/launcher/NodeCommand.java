package io.logplane.launcher;

import io.logplane.kubeclient.KubeConfig;
import io.logplane.node.RealNode;
import io.logplane.node.RealNodeOptions;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import io.logplane.launcher.logging.LogLevelOption;
import io.logplane.launcher.logging.Logs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code logplane node}: this machine as a node of the cluster of a kubeconfig, running its pods'
 * containers with runc, until the process is stopped. Given a bootstrap token
 * ({@code logplane token create}) as the kubeconfig's user, it first gets a client certificate of
 * its own ({@link TlsBootstrap}) and runs as {@code system:node:<name>}.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = "Run this machine as a node (real containers with runc) of the API server of a"
        + " kubeconfig. Needs root, and runc, conmon, the CNI plugins, nftables and a static busybox.")
public final class NodeCommand implements Callable<Integer> {

  @Mixin
  LogLevelOption logLevel = new LogLevelOption();

  @Mixin
  KubeconfigOptions kubeconfig;

  @Option(names = "--data-dir", description = "Where the node keeps its images (images/) and its"
      + " containers' state (node/) (default: ${DEFAULT-VALUE}).", defaultValue = "${sys:user.home}/.logplane")
  Path dataDir;

  @Option(names = "--name", description = "The Node's name (default: this machine's host name).")
  String name;

  @Option(names = "--pod-cidr", description = "The node's pod CIDR (default: the one its Node holds, else the"
      + " highest free /24 of 10.244.0.0/16).")
  String podCidr;

  @Option(names = "--bridge", defaultValue = "lp0", description = "The pods' bridge (default: ${DEFAULT-VALUE}).")
  String bridge;

  @Option(names = "--nft-table", defaultValue = "logplane",
      description = "The nftables table of the uplink drop rules, and with _proxy that of the service"
          + " proxy (default: ${DEFAULT-VALUE}).")
  String nftTable;

  @Option(names = "--lb-pool", defaultValue = RealNodeOptions.LOAD_BALANCER_POOL,
      description = "The range of LoadBalancer Services' addresses, as the cluster's load-balancer controller"
          + " hands them out (default: ${DEFAULT-VALUE}).")
  String lbPool;

  @Option(names = "--cgroup-parent", defaultValue = "logplane",
      description = "The cgroup the containers sit in (default: ${DEFAULT-VALUE}).")
  String cgroupParent;

  @Option(names = "--port", defaultValue = "10250", description = "The port of the node's server, on its"
      + " InternalIP, where the API server reaches it for logs (default: ${DEFAULT-VALUE}; 0: any free one).")
  int port;

  @Option(names = "--cluster-cidr", defaultValue = RealNodeOptions.CLUSTER_CIDR, description = "The cluster's pod"
      + " range, as its server's --cluster-cidr (default: ${DEFAULT-VALUE}).")
  String clusterCidr;

  @Option(names = "--service-cidr", defaultValue = RealNodeOptions.SERVICE_CIDR, description = "The cluster's"
      + " Service range, as its server's --service-cidr; pods' DNS is its tenth address (default: ${DEFAULT-VALUE}).")
  String serviceCidr;

  @Option(names = "--streaming-connection-idle-timeout", paramLabel = "DURATION", defaultValue = "4h",
      description = "How long an exec, attach or port-forward connection may carry nothing before the node closes"
          + " it, as the kubelet's flag; 0 for never (default: ${DEFAULT-VALUE}).")
  String streamingIdle;

  @Override
  public Integer call() throws Exception {
    Logs.console(logLevel.level());
    Optional<String> cannot = RealNode.cannotRun();
    if (cannot.isPresent()) {
      System.err.println("logplane: this machine cannot run a node: " + cannot.get());
      return 1;
    }
    java.time.Duration idle;
    try {
      idle = io.logplane.bench.Units.duration(streamingIdle);
    } catch (IllegalArgumentException e) {
      System.err.println("logplane: --streaming-connection-idle-timeout: " + e.getMessage());
      return 2;
    }
    KubeConfig given = kubeconfig.load();
    if (given == null) {
      return 2;
    }
    String nodeName = name != null ? name : RealNodeOptions.hostname();
    KubeConfig config;
    try {
      config = TlsBootstrap.credentials(given, nodeName, dataDir.toAbsolutePath().resolve("pki"),
          java.time.Clock.systemUTC());
    } catch (Exception e) {
      System.err.println("logplane: the node could not get its certificate: " + e.getMessage());
      return 1;
    }
    RealNodeOptions options = RealNodeOptions.of(nodeName, dataDir.toAbsolutePath()).withPodCidr(podCidr).withHostNames(bridge, nftTable, cgroupParent)
        .withPort(port).withLoadBalancerPool(lbPool).withRanges(clusterCidr, serviceCidr)
        .withStreamingIdle(idle);
    UntilStopped.run(new RealNode(config, options), 30, "the node", node -> node.ready().onSuccess(v ->
        System.out.printf("node %s registered with %s, running its pods%n", options.name(), config.server())));
    return 0;
  }
}
