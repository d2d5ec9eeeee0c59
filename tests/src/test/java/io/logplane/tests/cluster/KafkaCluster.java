package io.logplane.tests.cluster;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real three-node KRaft Kafka cluster on loopback, each node a {@code logplane kafka} of its
 * own (a container of the logplane image, or a process, as {@link Runner} decides), formatted with
 * one cluster id: what {@code logplane up --kafka} runs against, and what a user without a Kafka
 * runs.
 *
 * <p>Nodes are numbered 0 to 2 here (Kafka's node ids 1 to 3). A node can be killed (SIGKILL)
 * and started again with the same command, or paused (SIGSTOP) and resumed (SIGCONT), which is
 * how a broker that hangs looks to the others.
 */
final class KafkaCluster implements AutoCloseable {

  static final int NODES = 3;
  private static final int HEAP_MEGABYTES = 384;
  /**
   * How long a broker may miss heartbeats before it is fenced, and its partitions led by
   * another: Kafka's 9 s would make each killed broker a 9 s stall of every test's writes.
   */
  private static final List<String> OVERRIDES = List.of("--override", "broker.session.timeout.ms=3000",
      "--override", "broker.heartbeat.interval.ms=500");

  private final Path dir;
  private final int[] ports = new int[NODES];
  private final int[] controllerPorts = new int[NODES];
  private final Running[] nodes = new Running[NODES];
  private final long[] outputFrom = new long[NODES];
  private final boolean[] stopped = new boolean[NODES];
  private final boolean[] killed = new boolean[NODES];
  private final String clusterId = Uuid.randomUuid().toString();

  KafkaCluster(Path dir) throws IOException {
    this.dir = dir;
    for (int i = 0; i < NODES; i++) {
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

  String clusterId() {
    return clusterId;
  }

  /** The voters, as every node is given them. */
  String controllers() {
    List<String> voters = new ArrayList<>();
    for (int j = 0; j < NODES; j++) {
      voters.add((j + 1) + "@127.0.0.1:" + controllerPorts[j]);
    }
    return String.join(",", voters);
  }

  /** Starts the three nodes and waits until all three brokers have registered. */
  KafkaCluster start() throws IOException {
    for (int i = 0; i < NODES; i++) {
      startNode(i);
    }
    awaitBrokers(NODES, Duration.ofMinutes(3));
    return this;
  }

  /** The arguments of node {@code i}'s {@code logplane kafka}: the same at every start. */
  List<String> arguments(int i) {
    List<String> args = new ArrayList<>(List.of("kafka", "--id", Integer.toString(i + 1),
        "--data-dir", dir.resolve("node" + (i + 1)).toString(), "--controllers", controllers(),
        "--listen", "127.0.0.1:" + ports[i], "--cluster-id", clusterId));
    args.addAll(OVERRIDES);
    return args;
  }

  /**
   * Starts node {@code i}'s process, without waiting for it to serve ({@link #awaitServing}):
   * at the cluster's first start a node serves only once a majority of the voters runs.
   */
  void startNode(int i) throws IOException {
    Path out = dir.resolve("node" + (i + 1) + ".out");
    outputFrom[i] = Files.exists(out) ? Files.size(out) : 0;
    nodes[i] = Runner.get().start(arguments(i), dir, out, HEAP_MEGABYTES);
    stopped[i] = false;
    killed[i] = false;
  }

  /**
   * {@code logplane kafka} (or another command) as a process, whatever the {@link Runner}, its stdout and stderr
   * appended to {@code output}: what a user runs, with the test class path for the jar.
   */
  static Process launch(List<String> args, Path output) throws IOException {
    return ProcessRunner.launch(args, output, HEAP_MEGABYTES);
  }

  /** What node {@code i}'s process printed since it was last started. */
  String output(int i) {
    Path out = dir.resolve("node" + (i + 1) + ".out");
    try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "r")) {
      f.seek(Math.min(outputFrom[i], f.length()));
      byte[] b = new byte[(int) (f.length() - f.getFilePointer())];
      f.readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Waits until node {@code i} says it serves; fails at once, with its output, if it exits. */
  void awaitServing(int i, Duration timeout) {
    Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
      alive(i);
      return output(i).contains(" serving on ");
    });
  }

  private void alive(int i) {
    if (nodes[i] != null && !killed[i] && !nodes[i].isAlive()) {
      throw new IllegalStateException("Kafka node " + (i + 1) + " exited with " + nodes[i].exitValue() + ":\n"
          + output(i) + "(its logs are under " + dir.resolve("node" + (i + 1)).resolve("logs") + ")");
    }
  }

  /**
   * Waits until {@code count} brokers have registered: three JVMs starting at once on a busy
   * machine take longer than an admin call's own timeout, and the cluster's first use would fail.
   * A node that exits meanwhile (but for one {@link #kill}ed) fails the wait at once.
   */
  void awaitBrokers(int count, Duration timeout) {
    int[] seen = new int[1];
    try (Admin admin = admin()) {
      Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
        for (int i = 0; i < NODES; i++) {
          alive(i);
        }
        seen[0] = brokerIds(admin).size();
        return seen[0] >= count;
      });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(seen[0] + " of " + count + " brokers registered after " + timeout
          + "; see the node logs under " + dir, e);
    }
  }

  /** An admin client of the cluster; the caller closes it. */
  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
  }

  /**
   * The node ids of the brokers registered and not fenced, as the cluster's metadata has them:
   * empty while no broker answers.
   */
  static Set<Integer> brokerIds(Admin admin) {
    try {
      return admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().map(Node::id)
          .collect(Collectors.toSet());
    } catch (ExecutionException | TimeoutException e) {
      return Set.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Set.of();
    }
  }

  /**
   * The node (0 to 2) that leads a partition, as the cluster's metadata has it, or -1 while it has
   * no leader.
   */
  int leader(String topic, int partition) throws Exception {
    try (Admin admin = admin()) {
      Node leader = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
          .partitions().get(partition).leader();
      return leader == null || leader.isEmpty() ? -1 : leader.id() - 1;
    }
  }

  /** SIGKILL of one node: no shutdown runs, as at a crash. */
  void kill(int i) throws InterruptedException {
    nodes[i].kill();
    stopped[i] = false;
    killed[i] = true;
  }

  /**
   * SIGSTOP of one node: it holds its connections and leadership but answers nothing, as a
   * process in a long pause does, until {@link #resume}.
   */
  void stop(int i) throws IOException, InterruptedException {
    signal(i, "STOP");
    stopped[i] = true;
  }

  /** SIGCONT of a node {@link #stop}ped. */
  void resume(int i) throws IOException, InterruptedException {
    signal(i, "CONT");
    stopped[i] = false;
  }

  private void signal(int i, String signal) {
    nodes[i].signal(signal);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** SIGTERM to every node (a paused one resumed first, else it could not act on it), then waits; a container is removed. */
  @Override
  public void close() {
    for (int i = 0; i < NODES; i++) {
      if (nodes[i] != null && stopped[i]) {
        try {
          resume(i);
        } catch (IOException | InterruptedException | RuntimeException e) {
          nodes[i].kill();
        }
      }
    }
    // in parallel: each may take its time to shut down cleanly
    Arrays.stream(nodes).parallel().filter(Objects::nonNull).forEach(Running::close);
  }
}
