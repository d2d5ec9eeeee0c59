package io.logplane.node;

import io.logplane.node.internal.agent.Ipv4;
import io.logplane.node.internal.agent.NodeFacts;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real node: its name, its data directory (images under {@code images/}, the runtime's state
 * under {@code node/}), its pod CIDR (null: the one its Node holds, else the one the node IPAM
 * controller assigns), the ranges its uplink drop rules keep off the wire, and the names it gives
 * what it makes on the machine: the pod bridge, the nftables table of the drop rules and the
 * cgroup its containers sit in, and the port of its server (0: any free one). Two nodes on one
 * machine need names and ports of their own. The service proxy's rules live in nft table
 * {@code ip NFTTABLE_proxy}, the network policies' in {@code inet NFTTABLE_policy}; {@code loadBalancerPool} is the range LoadBalancer Services' ingress
 * addresses come from, answered by the proxy and kept off the uplink. An exec, attach or
 * port-forward connection idle for {@code streamingIdle} is closed (zero: never).
 */
public record RealNodeOptions(String name, Path dataDir, String podCidr, String clusterCidr,
    String serviceCidr, String bridge, String nftTable, String cgroupParent, int port,
    String loadBalancerPool, Duration streamingIdle) {

  /** The cluster's pod range, as kubeadm's default. */
  public static final String CLUSTER_CIDR = "10.244.0.0/16";
  /** The range Logplane allocates Services' cluster IPs from. */
  public static final String SERVICE_CIDR = "10.96.0.0/12";
  /**
   * The load-balancer pool's default: the /24 just past the Service CIDR, a private range that
   * only this cluster's nodes answer and none routes.
   */
  public static final String LOAD_BALANCER_POOL = "10.112.0.0/24";
  /**
   * The kubelet's {@code --streaming-connection-idle-timeout} default: an exec, attach or
   * port-forward connection with no traffic either way for this long is closed.
   */
  public static final Duration STREAMING_IDLE = Duration.ofHours(4);
  /** The kubelet's port, where the API server reaches the node for logs. */
  public static final int PORT = NodeFacts.KUBELET_PORT;

  /**
   * A node named {@code name} on {@code dataDir}: bridge {@code lp0}, table and cgroup
   * {@code logplane}, its server on port 10250.
   */
  public static RealNodeOptions of(String name, Path dataDir) {
    return new RealNodeOptions(name, dataDir, null, CLUSTER_CIDR, SERVICE_CIDR, "lp0", "logplane",
        "logplane", PORT, LOAD_BALANCER_POOL, STREAMING_IDLE);
  }

  /** This machine's name, lower case, as the kubelet names its Node by default. */
  public static String hostname() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).trim()
          .toLowerCase(java.util.Locale.ROOT);
    } catch (java.io.IOException e) {
      try {
        return java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
      } catch (java.io.IOException again) {
        return "localhost";
      }
    }
  }

  public RealNodeOptions withName(String name) {
    return new RealNodeOptions(name, dataDir, podCidr, clusterCidr, serviceCidr, bridge, nftTable,
        cgroupParent, port, loadBalancerPool, streamingIdle);
  }

  public RealNodeOptions withPodCidr(String cidr) {
    return new RealNodeOptions(name, dataDir, cidr, clusterCidr, serviceCidr, bridge, nftTable,
        cgroupParent, port, loadBalancerPool, streamingIdle);
  }

  /** Other names for what the node makes on the machine, for a second node beside another. */
  public RealNodeOptions withHostNames(String bridge, String nftTable, String cgroupParent) {
    return new RealNodeOptions(name, dataDir, podCidr, clusterCidr, serviceCidr, bridge, nftTable,
        cgroupParent, port, loadBalancerPool, streamingIdle);
  }

  /** The range LoadBalancer Services' addresses come from. */
  public RealNodeOptions withLoadBalancerPool(String pool) {
    return new RealNodeOptions(name, dataDir, podCidr, clusterCidr, serviceCidr, bridge, nftTable,
        cgroupParent, port, pool, streamingIdle);
  }

  /** The cluster's pod and Service ranges, as the server was started with. */
  public RealNodeOptions withRanges(String clusterCidr, String serviceCidr) {
    return new RealNodeOptions(name, dataDir, podCidr, clusterCidr, serviceCidr, bridge, nftTable,
        cgroupParent, port, loadBalancerPool, streamingIdle);
  }

  /** The {@code kube-dns} Service's cluster IP: the Service CIDR's tenth address (the kubelet's clusterDNS). */
  public String clusterDns() {
    int slash = serviceCidr.indexOf('/');
    return Ipv4.format(Ipv4.parse(serviceCidr.substring(0, slash)) + 10);
  }

  /** The nft table (family {@code ip}) of the node's service proxy. */
  public String proxyTable() {
    return nftTable + "_proxy";
  }

  /** The nft table (family {@code inet}) of the node's network policy rules. */
  public String policyTable() {
    return nftTable + "_policy";
  }

  /** The node's server on {@code port}; 0 for any free one. */
  public RealNodeOptions withPort(int port) {
    return new RealNodeOptions(name, dataDir, podCidr, clusterCidr, serviceCidr, bridge, nftTable,
        cgroupParent, port, loadBalancerPool, streamingIdle);
  }

  /** Exec, attach and port-forward connections closed after this long without traffic; zero: never. */
  public RealNodeOptions withStreamingIdle(Duration idle) {
    return new RealNodeOptions(name, dataDir, podCidr, clusterCidr, serviceCidr, bridge, nftTable,
        cgroupParent, port, loadBalancerPool, idle);
  }
}
