package io.logplane.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.tests.http.Api;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * One Logplane server ({@code logplane up --kafka ...}) as a container of the logplane image or
 * a process of its own, as {@link Runner} decides, on a Kafka the test runs: a replica that a test
 * can kill -9.
 */
final class Replica implements AutoCloseable {

  final int port;
  final Path dir;
  private static final int HEAP_MEGABYTES = 512;
  private final Running process;

  private Replica(int port, Path dir, Running process) {
    this.port = port;
    this.dir = dir;
    this.process = process;
  }

  static Replica start(Path dir, String bootstrap) throws Exception {
    return start(dir, bootstrap, "--replication-factor", "1");
  }

  /**
   * A replica whose log topic gets what {@code up} gives it by default on that Kafka (3 replicas
   * there), sharing the cluster's identity and keys in {@code shared} with the others.
   */
  static Replica startReplicated(Path dir, String bootstrap, Path shared) throws Exception {
    return start(dir, bootstrap, "--shared-dir", shared.toString());
  }

  /**
   * {@code logplane up --kafka bootstrap} and {@code extra} on {@code dir}; every path it is
   * given is under {@code dir}'s parent, which a container gets at the same path.
   */
  static Replica start(Path dir, String bootstrap, String... extra) throws Exception {
    int readyBefore = readyLines(dir); // a replica started again on its directory appends to its output
    Replica r = launch(dir, bootstrap, extra);
    Running p = r.process;
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> !p.isAlive() || readyLines(dir) > readyBefore);
    assertTrue(p.isAlive(), () -> "replica exited:\n" + r.output());
    return r;
  }

  /** Starts the replica {@link #start} does, without waiting for anything. */
  static Replica launch(Path dir, String bootstrap, String... extra) throws java.io.IOException {
    Files.createDirectories(dir);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of("up", "--no-local-node", "--dns-port", "0", "--data-dir",
        dir.resolve("data").toString(), "--api-port", Integer.toString(port), "--kafka", bootstrap,
        "--ingress-port=-1", "--ingress-tls-port=-1"));
    command.addAll(List.of(extra));
    return new Replica(port, dir, Runner.get().start(command, dir.getParent(), dir.resolve("out.log"), HEAP_MEGABYTES));
  }

  /** Its exit code, once it has exited; -1 while it runs. */
  int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  private static int readyLines(Path dir) {
    return read(dir.resolve("out.log")).split("Logplane is ready at", -1).length - 1;
  }

  Api api() {
    return Api.of(kubeconfig());
  }

  /** The kubeconfig it wrote: its URL, the CA and admin token it has. */
  Path kubeconfig() {
    return dir.resolve("data").resolve("kubeconfig");
  }

  /** What it printed, then its log file (where its INFO lines go). */
  String output() {
    return read(dir.resolve("out.log")) + read(dir.resolve("data").resolve("logs").resolve("logplane.log"));
  }

  /** The last {@code n} lines of {@link #output}: what a failed test shows of it. */
  String tail(int n) {
    String[] lines = output().split("\n", -1);
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** SIGKILL: no shutdown hook runs, the Lease is not released. */
  void kill() {
    process.kill();
  }

  @Override
  public void close() {
    process.close();
  }
}
