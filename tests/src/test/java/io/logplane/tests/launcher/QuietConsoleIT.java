package io.logplane.tests.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code logplane up} prints: on stdout a handful of lines saying what it started and where,
 * then the ready line; on stderr warnings and errors only (a loaded machine may well make Vert.x
 * warn of a blocked thread). The broker's and the server's logs go to files under the data
 * directory's {@code logs}, and {@code --log-level info} brings them to the console too.
 */
class QuietConsoleIT {

  private static final String READY = "Logplane is ready at";
  /** The start of a log event's line on the console, with its level. */
  private static final Pattern EVENT = Pattern.compile(
      "^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (\\w+) ", Pattern.MULTILINE);

  @TempDir Path tmp;
  private Process process;

  @Test
  void aHandfulOfLinesBeforeTheReadyLineAndTheLogsInFiles() throws Exception {
    Path data = tmp.resolve("data");
    List<String> before = linesBeforeReady(up(data));
    assertEquals(List.of(), levels(tmp.resolve("stderr.txt")).stream().filter(l -> !l.equals("WARN") && !l.equals("ERROR"))
        .toList(), () -> read(tmp.resolve("stderr.txt")));

    assertTrue(before.size() <= 10, () -> before.size() + " lines before the ready line:\n" + String.join("\n", before));
    assertTrue(before.get(0).startsWith("Logplane 0.1.0 starting on " + data), before.get(0));
    assertTrue(before.stream().anyMatch(l -> l.startsWith("Kafka broker (embedded, KRaft) on 127.0.0.1:")), before::toString);
    assertTrue(before.stream().anyMatch(l -> l.startsWith("API server on https://127.0.0.1:")), before::toString);

    String kafka = Files.readString(data.resolve("logs/kafka.log"));
    assertTrue(kafka.contains("INFO  [embedded-kafka-start] kafka.server.KafkaRaftServer - [KafkaRaftServer nodeId=1] Kafka Server started"),
        kafka.substring(0, Math.min(kafka.length(), 2000)));
    String logplane = Files.readString(data.resolve("logs/logplane.log"));
    assertTrue(logplane.contains("io.logplane.launcher.UpCommand - ready in "), logplane);
    assertFalse(logplane.contains("kafka.server."), "the broker's lines are in kafka.log only");

    process.destroy();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "still running 60 s after SIGTERM");
    assertEquals(128 + 15, process.exitValue());
  }

  @Test
  void logLevelInfoShowsTheBrokersLinesOnTheConsole() throws Exception {
    up(tmp.resolve("data"), "--log-level", "info");
    String stderr = read(tmp.resolve("stderr.txt"));
    assertTrue(stderr.contains(" INFO  [embedded-kafka-start] kafka.server.KafkaRaftServer - "), stderr);
    assertTrue(levels(tmp.resolve("stderr.txt")).contains("INFO"), stderr);
  }

  @AfterEach
  void stop() {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** {@code java -jar logplane.jar up} as a user runs it (the launcher and its child), its stdout and stderr in files. */
  private Path up(Path data, String... more) throws Exception {
    Path jar = Path.of("..", "launcher", "target", "logplane.jar").toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(jar), jar + " is missing: build the launcher module first");
    Path console = tmp.resolve("stdout.txt");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
        jar.toString(), "up", "--no-local-node", "--data-dir", data.toString(), "--api-port", Integer.toString(port),
        "--ingress-port=-1", "--ingress-tls-port=-1", "--dns-port", "0"));
    command.addAll(List.of(more));
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(console.toFile())
        .redirectError(tmp.resolve("stderr.txt").toFile());
    pb.environment().remove("LOGPLANE_LOG_LEVEL");
    pb.environment().remove("LOGPLANE_NO_RELAUNCH");
    process = pb.start();
    Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
        .until(() -> !process.isAlive() || read(console).contains(READY));
    assertTrue(process.isAlive(), () -> "up exited:\n" + read(console) + read(tmp.resolve("stderr.txt")));
    return console;
  }

  private static List<String> linesBeforeReady(Path console) {
    List<String> lines = read(console).lines().toList();
    List<String> before = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith(READY)) {
        return before;
      }
      before.add(line);
    }
    throw new AssertionError("no ready line:\n" + lines);
  }

  /** The levels of the log events in a console's file, in order. */
  private static List<String> levels(Path file) {
    return EVENT.matcher(read(file)).results().map(m -> m.group(1)).toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
