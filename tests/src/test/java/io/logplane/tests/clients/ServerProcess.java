package io.logplane.tests.clients;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * {@code java -jar logplane.jar up} as a separate process, its output in a file of the data
 * directory's parent, so that it can be killed like a real server.
 */
final class ServerProcess implements AutoCloseable {

  static final String READY = "Logplane is ready at";

  private final Process process;
  private final Path log;
  private final Path dataDir;

  private ServerProcess(Process process, Path log, Path dataDir) {
    this.process = process;
    this.log = log;
    this.dataDir = dataDir;
  }

  /** The shaded launcher jar, built by the reactor's package phase before the tests run. */
  static Path jar() {
    Path jar = Path.of("..", "launcher", "target", "logplane.jar").toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(jar), jar + " is missing: build the launcher module first");
    return jar;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts the server and waits for its ready line (failing if it exits first). */
  static ServerProcess start(Path dataDir, int apiPort, String name) throws Exception {
    Path log = dataDir.resolveSibling(name + ".log");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(List.of(java, "-Xmx768m", "-jar", jar().toString(), "up", "--no-local-node",
        "--data-dir", dataDir.toString(), "--api-port", Integer.toString(apiPort), "--ingress-port=-1",
        "--ingress-tls-port=-1", "--dns-port", "0"))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ServerProcess server = new ServerProcess(p, log, dataDir);
    Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
        .until(() -> !p.isAlive() || server.output().contains(READY));
    assertTrue(p.isAlive() && server.output().contains(READY), () -> "server did not start:\n" + server.tail());
    return server;
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  String output() throws IOException {
    return Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** Its console, then its log files (the broker's and its own, where INFO lines go). */
  String outputAndLogs() throws IOException {
    StringBuilder all = new StringBuilder(output());
    for (String file : List.of("kafka.log", "logplane.log")) {
      Path f = dataDir.resolve("logs").resolve(file);
      if (Files.exists(f)) {
        all.append(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
      }
    }
    return all.toString();
  }

  String tail() {
    try {
      String out = output();
      return out.substring(Math.max(0, out.length() - 4000));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** SIGKILL; returns the exit code (128 + 9 when the signal killed it). */
  int kill() throws InterruptedException {
    process.destroyForcibly();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still alive 30 s after SIGKILL");
    return process.exitValue();
  }

  /** SIGTERM; returns the exit code, failing when the process takes 30 s or more to exit. */
  int stop() throws InterruptedException {
    process.destroy();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), () -> "no exit within 30 s of SIGTERM:\n" + tail());
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
