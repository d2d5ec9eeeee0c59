package io.logplane.tests;

import io.logplane.launcher.Cluster;
import io.logplane.tests.http.Api;
import java.nio.file.Files;
import java.nio.file.Path;

/** One real Logplane for a test class: data under the class's temporary directory, free ports. */
final class ClusterFixture {

  private ClusterFixture() {}

  static Cluster start(Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    return Cluster.start(new Cluster.Options(data, "127.0.0.1", 0, 0, null, 1));
  }

  /** A server whose Ingress proxy listens on free HTTP and HTTPS ports. */
  static Cluster withIngress(Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    return Cluster.start(new Cluster.Options(data, "127.0.0.1", 0, 0, null, 1, true, 0, 0));
  }

  /** A server with the cluster DNS on {@code dnsPort}, forwarding other names to {@code upstream}. */
  static Cluster withDns(Path dir, int dnsPort, java.net.InetSocketAddress upstream) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    return Cluster.start(new Cluster.Options(data, "127.0.0.1", 0, 0, null, 1)
        .withDns(dnsPort, java.util.List.of(upstream)));
  }

  /** A free UDP port on loopback (for the DNS). */
  static int freeUdpPort() throws java.io.IOException {
    try (java.net.DatagramSocket free = new java.net.DatagramSocket(new java.net.InetSocketAddress("127.0.0.1", 0))) {
      return free.getLocalPort();
    }
  }

  /**
   * A server with the cluster DNS on {@code dnsPort} (forwarding other names to {@code upstream})
   * and {@code n} hollow nodes, once they registered.
   */
  static Cluster withDnsAndHollowNodes(Path dir, int n, int dnsPort, java.net.InetSocketAddress upstream)
      throws Exception {
    Cluster cluster = withDns(dir, dnsPort, upstream);
    io.logplane.launcher.UpCommand.deployHollowNodes(cluster, n).registered()
        .await(60, java.util.concurrent.TimeUnit.SECONDS);
    return cluster;
  }

  /** An API client as the kubeconfig's user (the admin token). */
  static Api admin(Cluster cluster) {
    return Api.of(cluster.kubeconfig());
  }

  /** A server with {@code n} hollow nodes in its process, as {@code logplane up --hollow-nodes n}, once they registered. */
  static Cluster withHollowNodes(Path dir, int n) throws Exception {
    Cluster cluster = start(dir);
    io.logplane.launcher.UpCommand.deployHollowNodes(cluster, n).registered()
        .await(60, java.util.concurrent.TimeUnit.SECONDS);
    return cluster;
  }
}
