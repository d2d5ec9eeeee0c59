package io.logplane.launcher;

import ch.qos.logback.classic.Level;
import io.logplane.broker.KafkaNode;
import io.logplane.launcher.logging.LogLevelOption;
import io.logplane.launcher.logging.Logs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code logplane kafka}: one node of a Kafka cluster (KRaft, broker and controller in one
 * process), from the Kafka artifacts Logplane embeds and with the settings of its embedded broker
 * ({@link KafkaNode}), so that a cluster of three needs no Kafka installed: tests, the compose
 * file and users run {@code logplane server --kafka} against it.
 *
 * <p>It is a server as {@code up} is: one per data directory ({@link DataDirLock}), the broker's
 * INFO in files under the data directory and a quiet console, one line once it serves, and a
 * clean shutdown on SIGTERM or Ctrl-C. Wrong flags are one line and exit code 2; a directory of
 * another node or a taken port, one line and exit code 1; neither writes anything.
 */
@Command(name = "kafka", mixinStandardHelpOptions = true,
    description = "Run one Kafka node (KRaft broker and controller) of a cluster, until stopped.",
    footer = {"", "A cluster of three on one machine, each node with its own DIR and ports:",
        "  logplane kafka --id 1 --data-dir k1 --listen 127.0.0.1:19092 --cluster-id ID \\",
        "    --controllers 1@127.0.0.1:19093,2@127.0.0.1:20093,3@127.0.0.1:21093",
        "and --id 2 and 3 alike, with the same --controllers and ID."})
public final class KafkaCommand implements Callable<Integer> {

  @Mixin
  LogLevelOption logLevel = new LogLevelOption();

  @Spec
  CommandSpec spec;

  @Option(names = "--id", required = true, paramLabel = "N",
      description = "This node's id: one of the voters of --controllers.")
  int id;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR",
      description = "The node's directory: its log in DIR/data (formatted on the first start), its logs in DIR/logs.")
  Path dataDir;

  @Option(names = "--controllers", required = true, paramLabel = "ID@HOST:PORT,...",
      description = "The controller quorum, the same on every node, as Kafka's controller.quorum.voters: each"
          + " node's id and the address of its controller listener.")
  String controllers;

  @Option(names = "--listen", required = true, paramLabel = "HOST:PORT",
      description = "Where clients and the other brokers connect; the controller listener binds on the same host,"
          + " at the port of this node's entry in --controllers.")
  String listen;

  @Option(names = "--advertise", paramLabel = "HOST:PORT",
      description = "The address clients are told to connect to (default: --listen; needed when that is 0.0.0.0).")
  String advertise;

  @Option(names = "--cluster-id", paramLabel = "ID",
      description = "The cluster's id, the same on every node: needed at a node's first start in a cluster of more"
          + " than one (Kafka's kafka-storage random-uuid makes one); kept in DIR/data after.")
  String clusterId;

  @Option(names = "--override", paramLabel = "KEY=VALUE",
      description = "A Kafka broker setting over Logplane's (as kafka-server-start's --override); repeatable.")
  Map<String, String> overrides;

  @Override
  public Integer call() throws Exception {
    Level level = logLevel.level();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = dataDir.toAbsolutePath();
    KafkaNode.Options options = new KafkaNode.Options(dir, id, controllers, listen, advertise, clusterId, overrides);
    DataDirLock lock;
    try {
      // the flags first: a mistake in them leaves no directory behind
      KafkaNode.check(options);
      lock = DataDirLock.acquire(dir);
    } catch (IllegalArgumentException e) {
      return fail(err, e.getMessage(), 2);
    } catch (RuntimeException e) {
      return fail(err, e.getMessage(), 1);
    }
    KafkaNode node;
    try {
      node = KafkaNode.start(options, () -> Logs.server(dir, level));
    } catch (IllegalArgumentException e) {
      lock.close();
      return fail(err, e.getMessage(), 2);
    } catch (KafkaNode.Refused e) {
      lock.close();
      return fail(err, e.getMessage(), 1);
    } catch (RuntimeException e) {
      lock.close();
      return fail(err, e.getMessage() + ": " + rootCause(e) + " (see " + dir.resolve(Logs.DIR) + ")", 1);
    }
    AtomicBoolean stopping = new AtomicBoolean();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.set(true);
      node.close();
      lock.close();
    }, "shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Kafka node %d of cluster %s serving on %s%s (controller %s)%n", node.id(), node.clusterId(),
        node.listen(), node.advertised().equals(node.listen()) ? "" : " as " + node.advertised(), node.controller());
    out.flush();
    node.awaitShutdown();
    if (stopping.get()) {
      // the shutdown hook finishes the stop; the JVM ends with the signal's code once it has
      return 0;
    }
    return fail(err, "the Kafka node stopped by itself (see " + dir.resolve(Logs.DIR) + ")", 1);
  }

  private static int fail(PrintWriter err, String message, int code) {
    err.println("logplane kafka: " + message);
    err.flush();
    return code;
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }
}
