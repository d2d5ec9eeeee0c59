package io.logplane.dns;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Settings of the cluster DNS.
 *
 * @param hosts the addresses it listens on (UDP and TCP): the loopback one, and the one pods
 *     reach (the node's InternalIP)
 * @param port its port on each (0: a free one, the same on each)
 * @param domain the cluster domain ({@code cluster.local})
 * @param upstreams where names outside the cluster domain go (the host's resolvers)
 */
public record DnsOptions(List<String> hosts, int port, String domain, List<InetSocketAddress> upstreams) {

  /** The cluster domain every Kubernetes cluster defaults to. */
  public static final String CLUSTER_LOCAL = "cluster.local";
}
