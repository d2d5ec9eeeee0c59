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
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * One Logplane server as a process of its own ({@code java -jar logplane.jar up --kafka ...},
 * in the JVM it is started in), on a Kafka the test runs: a replica that a test can kill -9.
 */
final class Replica implements AutoCloseable {

  final int port;
  final Path dir;
  private final Process process;

  private Replica(int port, Path dir, Process process) {
    this.port = port;
    this.dir = dir;
    this.process = process;
  }

  static Replica start(Path dir, String bootstrap) throws Exception {
    return start(dir, bootstrap, "--replication-factor", "1");
  }

  /** A replica whose log topic gets what {@code up} gives it by default on that Kafka (3 replicas there). */
  static Replica startReplicated(Path dir, String bootstrap) throws Exception {
    return start(dir, bootstrap, new String[0]);
  }

  private static Replica start(Path dir, String bootstrap, String... extra) throws Exception {
    Path jar = Path.of("..", "launcher", "target", "logplane.jar").toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(jar), jar + " is missing: build the launcher module first");
    Files.createDirectories(dir);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar.toString(),
        "up", "--no-local-node", "--dns-port", "0", "--data-dir", dir.resolve("data").toString(), "--api-port",
        Integer.toString(port), "--kafka", bootstrap, "--ingress-port=-1", "--ingress-tls-port=-1"));
    command.addAll(List.of(extra));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.log").toFile()));
    pb.environment().put("LOGPLANE_NO_RELAUNCH", "1");
    int readyBefore = readyLines(dir); // a replica started again on its directory appends to its output
    Process p = pb.start();
    Replica r = new Replica(port, dir, p);
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> !p.isAlive() || readyLines(dir) > readyBefore);
    assertTrue(p.isAlive(), () -> "replica exited:\n" + r.output());
    return r;
  }

  private static int readyLines(Path dir) {
    return read(dir.resolve("out.log")).split("Logplane is ready at", -1).length - 1;
  }

  Api api() {
    return Api.of(dir.resolve("data").resolve("kubeconfig"));
  }

  /** What it printed, then its log file (where its INFO lines go). */
  String output() {
    return read(dir.resolve("out.log")) + read(dir.resolve("data").resolve("logs").resolve("logplane.log"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** SIGKILL: no shutdown hook runs, the Lease is not released. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
