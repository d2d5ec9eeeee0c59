package io.logplane.broker.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One KRaft node that is broker and controller at once, and the Kafka configuration it runs
 * with: the one place that configures both the embedded broker (a quorum of one on loopback) and
 * each node of a cluster ({@code logplane kafka}). The configuration is derived, not stored, so
 * that a node restarted with the same flags runs with the settings of the Logplane it runs on.
 *
 * @param nodeId    this node's id, one of the voters'
 * @param voters    the controller quorum, this node among them
 * @param listen    where the client (PLAINTEXT) listener binds; the controller listener binds on
 *                  the same host, at the port this node's voter entry names
 * @param advertise the client address other brokers and clients are told
 * @param overrides Kafka settings applied last: the user's (the embedded broker's own, for it)
 */
public record KafkaNodeSettings(int nodeId, List<Voter> voters, Address listen, Address advertise,
    Map<String, String> overrides) {

  /** The largest record a broker takes: the same bound the log's clients and topic have (events' ClientSettings). */
  static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

  /**
   * The settings the flags set, which an override would make disagree with them (a node.id that
   * is not --id, a listener that is not --listen).
   */
  static final Set<String> FROM_FLAGS = Set.of("process.roles", "node.id", "broker.id", "controller.quorum.voters",
      "controller.quorum.bootstrap.servers", "listeners", "advertised.listeners", "listener.security.protocol.map",
      "controller.listener.names", "inter.broker.listener.name", "log.dirs", "log.dir", "metadata.log.dir");

  public KafkaNodeSettings {
    voters = List.copyOf(voters);
    overrides = Map.copyOf(overrides);
  }

  /**
   * The embedded broker: node 1, the only voter, everything on 127.0.0.1. Its metrics are not
   * published over JMX: nothing reads an embedded broker's there (Logplane's own are at {@code
   * /metrics}), and registering its few hundred MBeans was a tenth of a cold start.
   */
  public static KafkaNodeSettings single(int port, int controllerPort) {
    Address listen = new Address("127.0.0.1", port);
    return new KafkaNodeSettings(1, List.of(new Voter(1, new Address("127.0.0.1", controllerPort))), listen, listen,
        Map.of("metric.reporters", "", "metrics.jmx.exclude", ".*"));
  }

  /**
   * A node from the flags of {@code logplane kafka}.
   *
   * @param advertise null for the listen address
   * @throws IllegalArgumentException one line naming the flag: unparsable, {@code id} not among
   *     the voters, a client port that is the node's controller port, a wildcard listen address
   *     with nothing to advertise, an override of a setting the flags make
   */
  public static KafkaNodeSettings parse(int id, String controllers, String listen, String advertise,
      Map<String, String> overrides) {
    List<Voter> voters = flag("--controllers", () -> Voter.parseAll(controllers));
    Voter self = voters.stream().filter(v -> v.id() == id).findFirst().orElseThrow(() -> new IllegalArgumentException(
        "--id " + id + " is not among the controllers (" + voters.stream().map(v -> Integer.toString(v.id()))
            .collect(Collectors.joining(", ")) + "): every node is one of the voters of --controllers"));
    Address client = flag("--listen", () -> Address.parse(listen));
    if (client.port() == self.address().port()) {
      throw new IllegalArgumentException("--listen " + client + ": port " + client.port() + " is node " + id
          + "'s controller port in --controllers; the client listener needs another");
    }
    Address advertised;
    if (advertise != null) {
      advertised = flag("--advertise", () -> Address.parse(advertise));
      if (advertised.wildcard()) {
        throw new IllegalArgumentException("--advertise " + advertised + ": clients cannot connect to a wildcard"
            + " address; give the one they reach this node at");
      }
    } else if (client.wildcard()) {
      throw new IllegalArgumentException("--listen " + client + " listens on every interface: give --advertise"
          + " HOST:PORT, the address clients and the other brokers connect to");
    } else {
      advertised = client;
    }
    Map<String, String> given = new LinkedHashMap<>(overrides == null ? Map.of() : overrides);
    for (String key : given.keySet()) {
      if (FROM_FLAGS.contains(key)) {
        throw new IllegalArgumentException("--override " + key + ": set by the flags of logplane kafka");
      }
    }
    return new KafkaNodeSettings(id, voters, client, advertised, given);
  }

  private static <T> T flag(String name, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  /** This node's controller listener: the listen host, at the port of its voter entry. */
  public Address controller() {
    int port = voters.stream().filter(v -> v.id() == nodeId).findFirst().orElseThrow().address().port();
    return new Address(listen.host(), port);
  }

  /**
   * Replicas of each partition, the internal topics' and by default the log's: every node up to
   * three. Three is Kafka's usual production figure; more replicas would add to every write's
   * latency without surviving more than the one or two failures a small cluster is built for.
   */
  public int replicationFactor() {
    return Math.min(voters.size(), 3);
  }

  /**
   * Replicas that must have a write before it is acknowledged ({@code acks=all}): all but one,
   * so that one broker may be lost (or restarted) without stopping writes, and an acknowledged
   * write is on two brokers once there are three.
   */
  public int minInsyncReplicas() {
    return Math.max(1, replicationFactor() - 1);
  }

  /** The broker configuration, its data under {@code dataDir}. */
  public Properties properties(Path dataDir) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(nodeId));
    p.setProperty("controller.quorum.voters", Voter.format(voters));
    p.setProperty("listeners", "PLAINTEXT://" + listen + ",CONTROLLER://" + controller());
    p.setProperty("advertised.listeners", "PLAINTEXT://" + advertise);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", dataDir.toAbsolutePath().toString());
    String rf = Integer.toString(replicationFactor());
    String minIsr = Integer.toString(minInsyncReplicas());
    p.setProperty("offsets.topic.replication.factor", rf);
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", rf);
    p.setProperty("transaction.state.log.min.isr", minIsr);
    p.setProperty("share.coordinator.state.topic.replication.factor", rf);
    p.setProperty("share.coordinator.state.topic.min.isr", minIsr);
    p.setProperty("default.replication.factor", rf);
    p.setProperty("min.insync.replicas", minIsr);
    // Kafka's default, said here because the log is the only copy of the cluster's state: an
    // out-of-sync replica elected leader would silently drop acknowledged writes.
    p.setProperty("unclean.leader.election.enable", "false");
    p.setProperty("num.partitions", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // A node shares its machine with the control plane: few broker threads keep context
    // switches (and latency under load) down.
    p.setProperty("num.network.threads", "2");
    p.setProperty("num.io.threads", "2");
    p.setProperty("background.threads", "2");
    // The log is created explicitly with its settings; a typo must not create a topic.
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("message.max.bytes", Integer.toString(MAX_MESSAGE_BYTES));
    p.setProperty("replica.fetch.max.bytes", Integer.toString(2 * MAX_MESSAGE_BYTES));
    // The log cleaner's table of a compaction pass holds 24 bytes per key, in a heap buffer
    // allocated whole when the broker starts. Logplane's topics are never compacted (history is
    // the product): only Kafka's own offsets topic, which nothing of Logplane's writes, would
    // be. The default 128 MiB was a third of the server's live heap at 15,000 objects; 16 MiB
    // still held 16 MiB of every idle server and, allocated at once in a young heap, set off a
    // collection while the broker started. 2 MiB (Kafka asks for more than 1 MiB) holds about
    // 80,000 keys a pass.
    p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(2 << 20));
    // History is the product: nothing expires by time.
    p.setProperty("log.retention.ms", "-1");
    p.setProperty("log.retention.bytes", "-1");
    overrides.forEach(p::setProperty);
    return p;
  }
}
