package io.logplane.broker;

import io.logplane.broker.internal.BrokerSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka (KRaft broker and controller in one) running inside this process,
 * listening on 127.0.0.1 only.
 *
 * <p>Everything it keeps is under its directory: the log data and a small file with its
 * cluster id and ports, so that starting again on the same directory serves the same log on
 * the same port (clients and kubeconfigs written earlier stay valid).
 */
public final class EmbeddedKafka implements AutoCloseable {

  private final BrokerSettings settings;
  private final KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafka(BrokerSettings settings, KafkaRaftServer server) {
    this.settings = settings;
    this.server = server;
  }

  /**
   * Formats {@code logDir} if it is new, starts the broker and returns once it serves clients.
   *
   * @param port the client port; 0 = the one kept in {@code logDir}, or a free one the first time
   * @throws IllegalStateException when formatting or starting fails
   */
  public static EmbeddedKafka start(Path logDir, int port) {
    BrokerSettings settings = BrokerSettings.loadOrCreate(logDir, port);
    Path dataDir = logDir.resolve("data");
    Properties props = settings.brokerProperties(dataDir);
    if (!Files.exists(dataDir.resolve("meta.properties"))) {
      format(logDir, settings, props);
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      stop(server);
      throw new IllegalStateException("embedded Kafka failed to start in " + logDir, e);
    }
    return new EmbeddedKafka(settings, server);
  }

  /**
   * The client port a broker on {@code logDir} uses (or used last time), without starting one:
   * empty when the directory holds no broker settings. Lets another process of the same data
   * directory reach a running broker.
   */
  public static java.util.OptionalInt persistedPort(Path logDir) {
    return persisted(logDir, "port");
  }

  /**
   * The KRaft controller port a broker on {@code logDir} uses (or used last time), without
   * starting one: empty when the directory holds no broker settings.
   */
  public static java.util.OptionalInt persistedControllerPort(Path logDir) {
    return persisted(logDir, "controller.port");
  }

  /** The file that keeps the broker's ports in {@code logDir}. */
  public static Path settingsFile(Path logDir) {
    return logDir.resolve(BrokerSettings.META_FILE);
  }

  private static java.util.OptionalInt persisted(Path logDir, String key) {
    Path file = settingsFile(logDir);
    if (!Files.exists(file)) {
      return java.util.OptionalInt.empty();
    }
    Properties p = new Properties();
    try (var in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return java.util.OptionalInt.of(Integer.parseInt(p.getProperty(key)));
  }

  /** The bootstrap servers string for clients, e.g. {@code 127.0.0.1:39092}. */
  public String bootstrap() {
    return "127.0.0.1:" + settings.port();
  }

  /** The KRaft cluster id this broker's log directory was formatted with. */
  public String clusterId() {
    return settings.clusterId();
  }

  /** Shuts the broker down and waits until it has stopped; idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      stop(server);
    }
  }

  private static void stop(KafkaRaftServer server) {
    server.shutdown();
    server.awaitShutdown();
  }

  private static void format(Path logDir, BrokerSettings settings, Properties props) {
    Path propsFile = logDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(propsFile)) {
      props.store(out, "written to format the log directory");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + propsFile, e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int rc;
    try (PrintStream ps = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      // execute(), never main(): main exits the JVM.
      rc = StorageTool.execute(
          new String[] {"format", "-t", settings.clusterId(), "-c", propsFile.toString()}, ps);
    } catch (Exception e) {
      throw new IllegalStateException("cannot format " + logDir + ": " + output, e);
    }
    if (rc != 0) {
      throw new IllegalStateException("formatting " + logDir + " failed (" + rc + "): " + output);
    }
  }
}
