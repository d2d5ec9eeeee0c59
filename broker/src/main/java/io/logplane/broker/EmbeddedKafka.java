package io.logplane.broker;

import io.logplane.broker.internal.BrokerSettings;
import io.logplane.broker.internal.KafkaNodeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real single-node Kafka (KRaft broker and controller in one) running inside this process,
 * listening on 127.0.0.1 only: the one-voter case of {@link KafkaNode}.
 *
 * <p>Everything it keeps is under its directory: the log data and a small file with its
 * cluster id and ports, so that starting again on the same directory serves the same log on
 * the same port (clients and kubeconfigs written earlier stay valid).
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final String REMEDY = ": it is another broker's log; move it away, or give another data directory";

  private final BrokerSettings settings;
  private final KafkaNode node;

  private EmbeddedKafka(BrokerSettings settings, KafkaNode node) {
    this.settings = settings;
    this.node = node;
  }

  /**
   * Formats {@code logDir} if it is new, starts the broker and returns once it serves clients.
   *
   * @param port the client port; 0 = the one kept in {@code logDir}, or a free one the first time
   * @throws IllegalStateException when formatting or starting fails
   */
  public static EmbeddedKafka start(Path logDir, int port) {
    BrokerSettings settings = BrokerSettings.loadOrCreate(logDir, port);
    KafkaNode node = KafkaNode.start(logDir, KafkaNodeSettings.single(settings.port(), settings.controllerPort()),
        settings.clusterId(), "embedded Kafka", REMEDY);
    return new EmbeddedKafka(settings, node);
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

  /**
   * The end offset of partition 0 of {@code topic} as this broker, its leader, holds it: a
   * consumer's {@code endOffsets} without the request. Empty before the topic exists here.
   */
  public java.util.OptionalLong endOffset(String topic) {
    return node.highWatermark(topic, 0);
  }

  /**
   * Appends the records to partition 0 of {@code topic} as this broker, its leader, appends a
   * produce request's (acks=all), without the request; completes with the first record's offset.
   */
  public java.util.concurrent.CompletableFuture<Long> append(String topic,
      java.util.List<org.apache.kafka.common.record.internal.SimpleRecord> records) {
    return append(topic, records, org.apache.kafka.common.compress.Compression.NONE);
  }

  /** {@link #append(String, java.util.List)} as one batch compressed so (the changelog's, LZ4, as its producer sent it). */
  public java.util.concurrent.CompletableFuture<Long> append(String topic,
      java.util.List<org.apache.kafka.common.record.internal.SimpleRecord> records,
      org.apache.kafka.common.compress.Compression compression) {
    return node.append(topic, 0, records, compression, APPEND_TIMEOUT_MS);
  }

  /** How long an in-process append may wait for the in-sync replicas (the producer's request timeout). */
  private static final long APPEND_TIMEOUT_MS = 5_000;

  /** Shuts the broker down and waits until it has stopped; idempotent. */
  @Override
  public void close() {
    node.close();
  }
}
