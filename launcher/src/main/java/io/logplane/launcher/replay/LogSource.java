package io.logplane.launcher.replay;

import io.logplane.broker.EmbeddedKafka;
import io.logplane.launcher.DataDirLock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Where a replay reads the log: the given Kafka cluster; else the embedded broker of the data
 * directory, reached at its persisted port while its server runs (the server holds the
 * directory's {@link DataDirLock}), or started here on the directory, under its lock, when no
 * server holds it (and stopped again, and the lock released, on close).
 */
public final class LogSource implements AutoCloseable {

  private final String bootstrap;
  private final EmbeddedKafka started;
  private final DataDirLock lock;

  private LogSource(String bootstrap, EmbeddedKafka started, DataDirLock lock) {
    this.bootstrap = bootstrap;
    this.started = started;
    this.lock = lock;
  }

  /**
   * @param kafka bootstrap servers, or null for the embedded broker of {@code dataDir}
   * @throws ReplayException when the data directory has no log
   */
  public static LogSource open(Path dataDir, String kafka) {
    if (kafka != null) {
      return new LogSource(kafka, null, null);
    }
    Path brokerDir = dataDir.resolve("kafka");
    OptionalInt port = EmbeddedKafka.persistedPort(brokerDir);
    if (port.isEmpty() || !Files.exists(brokerDir.resolve("data").resolve("meta.properties"))) {
      throw new ReplayException("no embedded Kafka log in " + brokerDir + "; give --data-dir of a Logplane"
          + " server or --kafka host:port");
    }
    DataDirLock lock;
    try {
      lock = DataDirLock.acquire(dataDir);
    } catch (DataDirLock.InUse e) {
      if (listening(port.getAsInt())) {
        return new LogSource("127.0.0.1:" + port.getAsInt(), null, null);
      }
      throw new ReplayException((e.pid() < 0 ? "another process" : "process " + e.pid()) + " holds " + dataDir
          + " but its embedded Kafka does not answer on port " + port.getAsInt() + "; try again once it is ready");
    }
    try {
      EmbeddedKafka kafka2 = EmbeddedKafka.start(brokerDir, 0);
      return new LogSource(kafka2.bootstrap(), kafka2, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public String bootstrap() {
    return bootstrap;
  }

  /** True when this replay started the embedded broker itself. */
  public boolean startedBroker() {
    return started != null;
  }

  @Override
  public void close() {
    if (started != null) {
      started.close();
    }
    if (lock != null) {
      lock.close();
    }
  }
}
