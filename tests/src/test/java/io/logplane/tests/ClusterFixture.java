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

  /**
   * A port free for both UDP and TCP on every address (the DNS listens on both, on loopback and
   * the node's address), picked below the machine's ephemeral range (32768 and up): a port the
   * kernel hands out for one is also any outgoing connection's, which could take its TCP side
   * between this pick and the server's bind.
   */
  static int freeUdpPort() throws java.io.IOException {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int i = 0; i < 500; i++) {
      int port = 20_000 + random.nextInt(12_000);
      try (java.net.DatagramSocket udp = new java.net.DatagramSocket(new java.net.InetSocketAddress(port));
          java.net.ServerSocket tcp = new java.net.ServerSocket()) {
        tcp.bind(new java.net.InetSocketAddress(port));
        return port;
      } catch (java.io.IOException taken) {
        // another one
      }
    }
    throw new java.io.IOException("no port free for UDP and TCP between 20000 and 32000");
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
