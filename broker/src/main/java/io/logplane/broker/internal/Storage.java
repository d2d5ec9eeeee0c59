package io.logplane.broker.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.LinkedHashSet;
import java.util.Set;
import kafka.server.KafkaConfig;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft node's log directory before it starts: whether it is formatted, and for which cluster
 * and node, read from Kafka's own {@code meta.properties}, the one record of both, so that no
 * second copy can disagree with it; and the formatting itself.
 */
public final class Storage {

  /** The file Kafka writes into a log directory when it formats it. */
  static final String META = "meta.properties";

  /** What a formatted log directory belongs to. */
  public record Formatted(String clusterId, int nodeId) {}

  private Storage() {}

  /** The cluster and node {@code dataDir} was formatted for; empty when it is not formatted. */
  public static Optional<Formatted> formatted(Path dataDir) {
    Path file = dataDir.resolve(META);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String cluster = p.getProperty("cluster.id");
    String node = p.getProperty("node.id");
    if (cluster == null || node == null || !node.matches("\\d+")) {
      throw new IllegalStateException(file + " names no cluster.id and node.id: not a KRaft log directory");
    }
    return Optional.of(new Formatted(cluster, Integer.parseInt(node)));
  }

  /**
   * Checks a cluster id given by a user: Kafka's are 16 random bytes in URL-safe base64 (22
   * characters), and its formatting would refuse another shape with a stack trace.
   *
   * @throws IllegalArgumentException one line, suggesting a valid id
   */
  public static String checkClusterId(String id) {
    try {
      Uuid.fromString(id);
      return id;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--cluster-id '" + id + "' is not a Kafka cluster id (16 bytes in URL-safe"
          + " base64, 22 characters, e.g. " + Uuid.randomUuid() + ")");
    }
  }

  /**
   * Formats the log directories of {@code config} for {@code clusterId} as {@code kafka-storage
   * format -t ID -c FILE} does for a node of a static quorum, writing the configuration it was
   * formatted with to {@code dir/server.properties}. Kafka's formatter is called directly, with
   * the configuration already read: the tool's command line and a second reading of the
   * configuration were a tenth of a second of a cold start.
   *
   * @throws IllegalStateException with the formatter's own output when it fails
   */
  public static void format(Path dir, Properties props, KafkaConfig config, String clusterId) {
    Path propsFile = dir.resolve("server.properties");
    try {
      Files.createDirectories(dir);
      try (OutputStream out = Files.newOutputStream(propsFile)) {
        props.store(out, "written to format the log directory");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + propsFile, e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Set<String> dirs = new LinkedHashSet<>(config.logDirs());
    dirs.add(config.metadataLogDir());
    try (PrintStream ps = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      new Formatter().setPrintStream(ps).setNodeId(config.nodeId()).setClusterId(clusterId)
          .setUnstableFeatureVersionsEnabled(config.unstableFeatureVersionsEnabled())
          .setControllerListenerName(config.controllerListenerNames().get(0))
          .setMetadataLogDirectory(config.metadataLogDir())
          .setHasDynamicQuorum(false) // controller.quorum.voters is always given (KafkaNodeSettings)
          .setDirectories(dirs)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format " + dir + ": " + e.getMessage() + " " + output, e);
    }
  }
}
