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
 * ports), kept in a small properties file in its directory; its broker configuration is the
 * one-voter case of {@link KafkaNodeSettings}.
 *
 * @param clusterId      the KRaft cluster id the log directory is formatted with
 * @param port           the client (PLAINTEXT) port on 127.0.0.1
 * @param controllerPort the KRaft controller port on 127.0.0.1
 */
public record BrokerSettings(String clusterId, int port, int controllerPort) {

  /** The file, in the broker directory, that keeps the settings. */
  public static final String META_FILE = "logplane-kafka.properties";

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

  /** The broker configuration: one combined broker+controller node, the only voter, on loopback. */
  public Properties brokerProperties(Path dataDir) {
    return KafkaNodeSettings.single(port, controllerPort).properties(dataDir);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
