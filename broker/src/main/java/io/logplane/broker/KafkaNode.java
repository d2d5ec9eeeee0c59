package io.logplane.broker;

import io.logplane.broker.internal.KafkaNodeSettings;
import io.logplane.broker.internal.LocalLeader;
import io.logplane.broker.internal.Storage;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Time;

/**
 * One Kafka node in KRaft mode, broker and controller at once, running inside this process: a
 * node of a cluster of such nodes ({@code logplane kafka}), or, as a quorum of one, the embedded
 * broker ({@link EmbeddedKafka}). Both start here, so a cluster runs the code and settings the
 * embedded broker was measured with.
 *
 * <p>Its directory holds the log ({@code data/}, formatted on the first start) and the
 * configuration it was formatted with ({@code server.properties}). The cluster and node ids are
 * kept where Kafka keeps them, in {@code data/meta.properties}: a restart needs no cluster id,
 * and a directory of another cluster or node is refused before anything in it changes.
 */
public final class KafkaNode implements AutoCloseable {

  /** The log directory inside a node's directory. */
  static final String DATA = "data";
  private static final String REMEDY = ": give the --id and --cluster-id it was formatted with (or no --cluster-id),"
      + " or another --data-dir";

  /**
   * A node as {@code logplane kafka}'s flags give it.
   *
   * @param dir         the node's directory
   * @param id          its node id, one of the voters'
   * @param controllers the voters, {@code 1@host:port,2@host:port,...}
   * @param listen      the client listener, {@code host:port}
   * @param advertise   the address clients are told; null for {@code listen}
   * @param clusterId   the cluster id to format with; null when formatted already, or for a new
   *                    cluster of one (a random one)
   * @param overrides   Kafka settings applied after Logplane's
   */
  public record Options(Path dir, int id, String controllers, String listen, String advertise, String clusterId,
      Map<String, String> overrides) {}

  /**
   * A reason a node cannot start that its user can fix, in one line (the directory belongs to
   * another node, a port is taken): nothing in the directory was changed.
   */
  public static final class Refused extends IllegalStateException {
    Refused(String message) {
      super(message);
    }
  }

  private final KafkaNodeSettings settings;
  private final String clusterId;
  private final KafkaRaftServer server;
  private volatile boolean closed;
  private volatile LocalLeader leader;

  private KafkaNode(KafkaNodeSettings settings, String clusterId, KafkaRaftServer server) {
    this.settings = settings;
    this.clusterId = clusterId;
    this.server = server;
  }

  /**
   * Checks the flags and Kafka's reading of the configuration they make, writing nothing (it
   * reads only whether the directory is formatted, for a missing cluster id): what {@link #start} would refuse as {@link IllegalArgumentException}, so
   * that a command can refuse them before it locks or creates the directory.
   *
   * @throws IllegalArgumentException one line: a flag that is wrong in itself or with the others
   */
  public static void check(Options o) {
    KafkaNodeSettings settings = settings(o);
    config(settings.properties(o.dir().resolve(DATA)));
    if (o.clusterId() != null) {
      Storage.checkClusterId(o.clusterId());
    } else if (Storage.formatted(o.dir().resolve(DATA)).isEmpty()) {
      clusterIdOfNew(settings);
    }
  }

  /** The id of a new cluster when none was given: a random one for a cluster of one. */
  private static String clusterIdOfNew(KafkaNodeSettings settings) {
    if (settings.voters().size() > 1) {
      throw new IllegalArgumentException("a new node of a cluster of " + settings.voters().size() + " needs"
          + " --cluster-id, the same on every node (Kafka's kafka-storage random-uuid makes one); for a new cluster,"
          + " e.g. --cluster-id " + Uuid.randomUuid());
    }
    // a cluster of one has nobody to agree with
    return Uuid.randomUuid().toString();
  }

  private static KafkaNodeSettings settings(Options o) {
    return KafkaNodeSettings.parse(o.id(), o.controllers(), o.listen(), o.advertise(),
        o.overrides() == null ? Map.of() : o.overrides());
  }

  /**
   * Starts the node, formatting its directory first if it is new, and returns once its broker
   * serves clients, which is once a majority of the voters runs.
   *
   * @param checked run once every check passed, before anything is written (where a command
   *     turns its logging to the node's files)
   * @throws IllegalArgumentException one line: a flag that is wrong in itself or with the others
   * @throws Refused one line: see {@link Refused}
   * @throws IllegalStateException when formatting or starting fails
   */
  public static KafkaNode start(Options o, Runnable checked) {
    KafkaNodeSettings settings = settings(o);
    String given = o.clusterId() == null ? null : Storage.checkClusterId(o.clusterId());
    Path dataDir = o.dir().resolve(DATA);
    Optional<Storage.Formatted> formatted = Storage.formatted(dataDir);
    String clusterId = given != null ? given : formatted.map(Storage.Formatted::clusterId).orElse(null);
    if (clusterId == null) {
      clusterId = clusterIdOfNew(settings);
    }
    formatted.ifPresent(f -> sameNode(dataDir, f, settings.nodeId(), given != null ? given : f.clusterId(), REMEDY));
    listenable(settings.listen().host(), settings.listen().port(), "--listen");
    listenable(settings.controller().host(), settings.controller().port(),
        "node " + settings.nodeId() + "'s controller port in --controllers");
    checked.run();
    return start(o.dir(), settings, clusterId, "Kafka node " + settings.nodeId(), REMEDY);
  }

  /**
   * The one way a node starts: checks a formatted directory is this node's, or formats it, and
   * starts the broker and controller.
   *
   * @param what   the node, for the message of a failure
   * @param remedy what the user can do when the directory is another node's (": ...", appended
   *     to the message)
   */
  static KafkaNode start(Path dir, KafkaNodeSettings settings, String clusterId, String what, String remedy) {
    Path dataDir = dir.resolve(DATA);
    Properties props = settings.properties(dataDir);
    KafkaConfig config = config(props);
    Optional<Storage.Formatted> formatted = Storage.formatted(dataDir);
    if (formatted.isPresent()) {
      sameNode(dataDir, formatted.get(), settings.nodeId(), clusterId, remedy);
    } else {
      Storage.format(dir, props, config, clusterId);
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      stop(server);
      throw new IllegalStateException(what + " failed to start in " + dir, e);
    }
    return new KafkaNode(settings, clusterId, server);
  }

  /** Kafka's reading of the configuration, which refuses a bad override in one line. */
  private static KafkaConfig config(Properties props) {
    try {
      return KafkaConfig.fromProps(props, false);
    } catch (ConfigException e) {
      throw new IllegalArgumentException("the Kafka configuration is refused: " + e.getMessage(), e);
    }
  }

  private static void sameNode(Path dataDir, Storage.Formatted f, int nodeId, String clusterId, String remedy) {
    if (f.nodeId() != nodeId || !f.clusterId().equals(clusterId)) {
      throw new Refused(dataDir + " was formatted for node " + f.nodeId() + " of cluster " + f.clusterId()
          + ", not for node " + nodeId + " of cluster " + clusterId + remedy);
    }
  }

  /**
   * Binds the port once, as the broker will: a taken port found now is one line, where the broker
   * would fail after formatting, with a stack trace, or the controller never join the quorum.
   */
  private static void listenable(String host, int port, String what) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new Refused("cannot listen on " + host + ": unknown host (" + what + ")");
    }
    try (ServerSocket s = new ServerSocket()) {
      // as the broker binds: a port held only by connections closing (TIME_WAIT) is free
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(address, port), 1);
    } catch (BindException e) {
      String why = String.valueOf(e.getMessage());
      throw new Refused("port " + port + " on " + host + (why.contains("in use") ? " is in use" : " cannot be used: "
          + why) + " (" + what + ")");
    } catch (IOException e) {
      throw new Refused("port " + port + " on " + host + " cannot be used: " + e.getMessage() + " (" + what + ")");
    }
  }

  /**
   * The high watermark of a partition this node leads, read in the process (no request), or
   * empty when it leads none such or its broker cannot be read in the process: the end offset a
   * consumer of the partition is told by its leader.
   */
  public java.util.OptionalLong highWatermark(String topic, int partition) {
    LocalLeader local = leader;
    if (local == null && !closed) {
      local = leader = LocalLeader.of(server);
    }
    return local == null ? java.util.OptionalLong.empty()
        : local.highWatermark(new org.apache.kafka.common.TopicPartition(topic, partition));
  }

  /**
   * Appends the records as one batch to a partition this node leads, in the process (no request),
   * acks=all; fails with Kafka's {@code NotLeaderOrFollowerException} when it leads no such
   * partition or its broker cannot be reached in the process. See {@link LocalLeader#append}.
   */
  public java.util.concurrent.CompletableFuture<Long> append(String topic, int partition,
      java.util.List<org.apache.kafka.common.record.internal.SimpleRecord> records,
      org.apache.kafka.common.compress.Compression compression, long timeoutMillis) {
    LocalLeader local = leader;
    if (local == null && !closed) {
      local = leader = LocalLeader.of(server);
    }
    if (local == null) {
      return java.util.concurrent.CompletableFuture.failedFuture(
          org.apache.kafka.common.protocol.Errors.NOT_LEADER_OR_FOLLOWER.exception());
    }
    return local.append(new org.apache.kafka.common.TopicPartition(topic, partition), records, compression,
        timeoutMillis);
  }

  /** This node's id. */
  public int id() {
    return settings.nodeId();
  }

  /** The KRaft cluster id its directory is formatted with. */
  public String clusterId() {
    return clusterId;
  }

  /** How many voters the controller quorum has. */
  public int voters() {
    return settings.voters().size();
  }

  /** The address its client listener binds, {@code host:port}. */
  public String listen() {
    return settings.listen().toString();
  }

  /** The client address it advertises, {@code host:port}: what clients bootstrap from. */
  public String advertised() {
    return settings.advertise().toString();
  }

  /** The address its controller listener binds, {@code host:port}. */
  public String controller() {
    return settings.controller().toString();
  }

  /**
   * Waits until the node has stopped: closed, or shut down by Kafka itself (a fatal error),
   * which a process that runs the node has to notice to end too.
   */
  public void awaitShutdown() {
    server.awaitShutdown();
  }

  /** Shuts the node down and waits until it has stopped; idempotent. */
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
}
