package io.logplane.tests.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.broker.EmbeddedKafka;
import io.logplane.launcher.DataDirLock;
import io.logplane.launcher.replay.ReplayCommand;
import io.logplane.launcher.replay.Target;
import io.logplane.tests.http.Api;
import io.logplane.tests.http.Response;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server per data directory, with real server processes from the launcher jar: a second
 * {@code up} on a directory in use exits non-zero naming the pid that holds it, and the first
 * goes on serving, stops on SIGTERM, and starts again with its objects; a replay beside a
 * running server reads that server's broker. A taken port is one line naming the port and its
 * flag, and the new data directory holds nothing but its lock.
 */
class OneServerPerDataDirIT {

  private static final String CMS = "/api/v1/namespaces/default/configmaps";

  @TempDir Path tmp;

  /** A start that ended by itself: its exit code and everything it printed. */
  record Ended(int code, String output) {}

  @Test
  void aSecondServerOnTheSameDirectoryLeavesTheFirstUntouched() throws Exception {
    Path data = tmp.resolve("data");
    int port = ServerProcess.freePort();
    try (ServerProcess first = ServerProcess.start(data, port, "first")) {
      Api api = Api.of(data.resolve("kubeconfig"));
      assertEquals(201, api.send("POST", CMS, Manifests.configMap("before", "k", "v")).code());

      // plain java -jar: the launcher starts the server in a child JVM, whose exit code it returns
      Ended second = up(List.of(), "second", "--data-dir", data.toString(), "--api-port",
          Integer.toString(ServerProcess.freePort()));
      assertNotEquals(0, second.code(), second.output());
      assertTrue(second.output().contains("is in use by process " + first.handle().pid() + " "), second.output());
      noStackTrace(second);

      Response created = api.send("POST", CMS, Manifests.configMap("after", "k", "v"));
      assertEquals(201, created.code(), created::text);
      assertEquals(200, api.get(CMS + "/before").code());
      assertEquals(128 + 15, first.stop(), "exit status after SIGTERM with the shutdown hook run");
      assertFalse(first.output().contains("shutdown step failed"), first.tail());
    }
    try (ServerProcess third = ServerProcess.start(data, port, "third")) {
      Api api = Api.of(data.resolve("kubeconfig"));
      assertEquals(200, api.get(CMS + "/before").code());
      long last = Long.parseLong(api.get(CMS + "/after").resourceVersion());
      ReplayCommand.Result r = ReplayCommand.run(data, new Target.Offset(last), tmp.resolve("replayed"), null,
          false, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
      r.store().close();
      assertEquals(last, r.target(), "the replay read the running server's log");
      assertEquals(128 + 15, third.stop());
      assertFalse(third.outputAndLogs().contains("CorruptRecordException"), third.tail());
    }
  }

  @Test
  void aTakenPortIsNamedWithItsFlagBeforeTheDirectoryIsTouched() throws Exception {
    Path data = tmp.resolve("data");
    int apiPort = ServerProcess.freePort();
    try (ServerProcess running = ServerProcess.start(data, apiPort, "running")) {
      Path other = tmp.resolve("other");
      Ended api = up(List.of("-Xmx256m"), "api-port", "--data-dir", other.toString(), "--api-port",
          Integer.toString(apiPort));
      assertNotEquals(0, api.code(), api.output());
      assertTrue(api.output().contains("port " + apiPort + " is in use (set another with --api-port)"), api.output());
      noStackTrace(api);
      assertEquals(List.of(DataDirLock.FILE), contents(other));

      int kafkaPort = EmbeddedKafka.persistedPort(data.resolve("kafka")).orElseThrow();
      Path third = tmp.resolve("third");
      Ended kafka = up(List.of("-Xmx256m"), "kafka-port", "--data-dir", third.toString(), "--api-port",
          Integer.toString(ServerProcess.freePort()), "--kafka-port", Integer.toString(kafkaPort));
      assertNotEquals(0, kafka.code(), kafka.output());
      assertTrue(kafka.output().contains("port " + kafkaPort + " is in use (the embedded Kafka broker's; set another"
          + " with --kafka-port)"), kafka.output());
      noStackTrace(kafka);
      assertEquals(List.of(DataDirLock.FILE), contents(third));
      assertEquals(128 + 15, running.stop());
    }
  }

  /** {@code java OPTIONS -jar logplane.jar up ARGS}, run to its end. */
  private Ended up(List<String> javaOptions, String name, String... args) throws Exception {
    Path log = tmp.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    command.addAll(javaOptions);
    command.addAll(List.of("-jar", ServerProcess.jar().toString(), "up", "--no-local-node", "--ingress-port=-1",
        "--ingress-tls-port=-1", "--dns-port", "0"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(name + " still running after 120 s:\n" + Files.readString(log));
    }
    return new Ended(p.exitValue(), Files.readString(log));
  }

  private static void noStackTrace(Ended e) {
    assertFalse(e.output().contains("\tat ") || e.output().contains("Exception"), e.output());
  }

  private static List<String> contents(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
