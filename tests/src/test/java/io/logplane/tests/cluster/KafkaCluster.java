package io.logplane.tests.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real three-node KRaft Kafka cluster, each node a separate JVM ({@code kafka.Kafka}) on
 * loopback, formatted with one cluster id: what {@code logplane server --kafka} runs against.
 */
final class KafkaCluster implements AutoCloseable {

  private final Path dir;
  private final int[] ports = new int[3];
  private final int[] controllerPorts = new int[3];
  private final Process[] nodes = new Process[3];
  private final String clusterId = Uuid.randomUuid().toString();

  KafkaCluster(Path dir) throws IOException {
    this.dir = dir;
    for (int i = 0; i < 3; i++) {
      ports[i] = freePort();
      controllerPorts[i] = freePort();
    }
  }

  String bootstrap() {
    List<String> b = new ArrayList<>();
    for (int p : ports) {
      b.add("127.0.0.1:" + p);
    }
    return String.join(",", b);
  }

  KafkaCluster start() throws Exception {
    for (int i = 0; i < 3; i++) {
      Path props = write(i);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int rc = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", props.toString()},
          new PrintStream(out, true));
      if (rc != 0) {
        throw new IllegalStateException("format of node " + (i + 1) + " failed: " + out);
      }
    }
    for (int i = 0; i < 3; i++) {
      startNode(i);
    }
    awaitBrokers(3, Duration.ofMinutes(3));
    return this;
  }

  /**
   * Waits until {@code count} brokers have registered: three JVMs starting at once on a busy
   * machine take longer than an admin call's own timeout, and the cluster's first use would fail.
   */
  void awaitBrokers(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
      while (true) {
        int seen = 0;
        try {
          seen = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        } catch (ExecutionException | TimeoutException e) {
          // not up yet
        }
        if (seen >= count) {
          return;
        }
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(seen + " of " + count + " brokers registered after " + timeout
              + "; see the node logs under " + dir);
        }
        Thread.sleep(200);
      }
    }
  }

  void startNode(int i) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    nodes[i] = new ProcessBuilder(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"), "kafka.Kafka",
        dir.resolve("node" + (i + 1) + ".properties").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("node" + (i + 1) + ".log").toFile()).start();
  }

  /** SIGKILL of one node. */
  void kill(int i) throws InterruptedException {
    nodes[i].destroyForcibly();
    nodes[i].waitFor(30, TimeUnit.SECONDS);
  }

  private Path write(int i) throws IOException {
    StringBuilder voters = new StringBuilder();
    for (int j = 0; j < 3; j++) {
      voters.append(j > 0 ? "," : "").append(j + 1).append("@127.0.0.1:").append(controllerPorts[j]);
    }
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(i + 1));
    p.setProperty("controller.quorum.voters", voters.toString());
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + ports[i] + ",CONTROLLER://127.0.0.1:" + controllerPorts[i]);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports[i]);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", dir.resolve("data" + (i + 1)).toString());
    p.setProperty("offsets.topic.replication.factor", "3");
    p.setProperty("transaction.state.log.replication.factor", "3");
    p.setProperty("transaction.state.log.min.isr", "2");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("message.max.bytes", Integer.toString(8 * 1024 * 1024));
    p.setProperty("replica.fetch.max.bytes", Integer.toString(16 * 1024 * 1024));
    p.setProperty("broker.session.timeout.ms", "3000");
    p.setProperty("broker.heartbeat.interval.ms", "500");
    p.setProperty("log.retention.ms", "-1");
    Path file = dir.resolve("node" + (i + 1) + ".properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      p.store(out, "node " + (i + 1));
    }
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Process p : nodes) {
      if (p != null) {
        p.destroy();
      }
    }
    for (Process p : nodes) {
      try {
        if (p != null && !p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
