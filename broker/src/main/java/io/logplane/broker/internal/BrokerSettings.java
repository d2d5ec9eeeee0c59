package io.logplane.broker.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * What identifies an embedded broker across restarts (cluster id, broker and controller
 * ports), kept in a small properties file in its directory, and the broker configuration
 * derived from it.
 *
 * @param clusterId      the KRaft cluster id the log directory is formatted with
 * @param port           the client (PLAINTEXT) port on 127.0.0.1
 * @param controllerPort the KRaft controller port on 127.0.0.1
 */
public record BrokerSettings(String clusterId, int port, int controllerPort) {

  /** The file, in the broker directory, that keeps the settings. */
  public static final String META_FILE = "logplane-kafka.properties";
  static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

  /**
   * The settings kept in {@code dir}, or new ones (fresh cluster id, free ports) when there are
   * none; a non-zero {@code port} overrides the kept one. The result is written back.
   */
  public static BrokerSettings loadOrCreate(Path dir, int port) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(META_FILE);
      BrokerSettings s;
      if (Files.exists(file)) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
          p.load(in);
        }
        s = new BrokerSettings(
            p.getProperty("cluster.id"),
            Integer.parseInt(p.getProperty("port")),
            Integer.parseInt(p.getProperty("controller.port")));
        if (port != 0) {
          s = new BrokerSettings(s.clusterId, port, s.controllerPort);
        }
      } else {
        int p = port != 0 ? port : freePort();
        int c = freePort();
        while (c == p) {
          c = freePort();
        }
        s = new BrokerSettings(Uuid.randomUuid().toString(), p, c);
      }
      s.store(file);
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write broker settings in " + dir, e);
    }
  }

  private void store(Path file) throws IOException {
    Properties p = new Properties();
    p.setProperty("cluster.id", clusterId);
    p.setProperty("port", Integer.toString(port));
    p.setProperty("controller.port", Integer.toString(controllerPort));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      p.store(out, "embedded Kafka broker identity; keep with the log");
    }
    // Rename so a crash never leaves a half-written identity behind.
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The broker configuration: one combined broker+controller node on loopback. */
  public Properties brokerProperties(Path dataDir) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty("listeners",
        "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", dataDir.toAbsolutePath().toString());
    // One node: every internal topic has a single replica.
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("default.replication.factor", "1");
    p.setProperty("min.insync.replicas", "1");
    p.setProperty("num.partitions", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // One embedded node shares the machine with the whole control plane: few broker threads
    // keep context switches (and latency under load) down.
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "2");
    p.setProperty("background.threads", "2");
    // The log is created explicitly with its settings; a typo must not create a topic.
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
    p.setProperty("replica.fetch.max.bytes", Integer.toString(2 * MAX_MESSAGE_BYTES));
    // The log cleaner's table of a compaction pass holds 24 bytes per key; the default 128 MiB
    // (a heap buffer allocated when the cleaner starts) was a third of the whole server's live
    // heap at 15,000 objects. 16 MiB holds 600,000 keys a pass; more take more passes.
    p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 << 20));
    // History is the product: nothing expires by time.
    p.setProperty("log.retention.ms", "-1");
    p.setProperty("log.retention.bytes", "-1");
    return p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
