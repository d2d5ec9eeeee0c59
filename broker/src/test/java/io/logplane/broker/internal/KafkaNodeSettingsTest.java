package io.logplane.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * How a node's Kafka configuration follows from its flags: the voters parsed as Kafka writes
 * them, each mistake refused in one line naming its flag, replication by the number of voters,
 * and the embedded broker's configuration as it was before the cluster's shared it.
 */
class KafkaNodeSettingsTest {

  private static final String THREE = "1@127.0.0.1:19093,2@127.0.0.1:29093,3@127.0.0.1:39093";
  private static final Path DATA = Path.of("/d/data");

  private static KafkaNodeSettings node(int id, String controllers, String listen) {
    return KafkaNodeSettings.parse(id, controllers, listen, null, Map.of());
  }

  private static String refusal(int id, String controllers, String listen, String advertise,
      Map<String, String> overrides) {
    return assertThrows(IllegalArgumentException.class,
        () -> KafkaNodeSettings.parse(id, controllers, listen, advertise, overrides)).getMessage();
  }

  @Test
  void votersAreParsedAsKafkaWritesThem() {
    List<Voter> voters = Voter.parseAll(" 1@kafka-1:9093, 2@[::1]:9093,3@10.0.0.3:9093 ");
    assertEquals(List.of(new Voter(1, new Address("kafka-1", 9093)), new Voter(2, new Address("::1", 9093)),
        new Voter(3, new Address("10.0.0.3", 9093))), voters);
    assertEquals("1@kafka-1:9093,2@[::1]:9093,3@10.0.0.3:9093", Voter.format(voters));
  }

  @Test
  void aBadVoterListIsOneLineNamingTheFlag() {
    String listen = "127.0.0.1:19092";
    assertEquals("--controllers: '1@127.0.0.1' is not ID@HOST:PORT (e.g. 1@kafka-1:9093)",
        refusal(1, "1@127.0.0.1", listen, null, Map.of()));
    assertEquals("--controllers: 'x@h:1' is not ID@HOST:PORT (e.g. 1@kafka-1:9093)",
        refusal(1, "x@h:1", listen, null, Map.of()));
    assertEquals("--controllers: '' is not ID@HOST:PORT (e.g. 1@kafka-1:9093)",
        refusal(1, "1@h:1,", listen, null, Map.of()));
    assertEquals("--controllers: '1@h:70000' is not ID@HOST:PORT (e.g. 1@kafka-1:9093)",
        refusal(1, "1@h:70000", listen, null, Map.of()));
    assertEquals("--controllers: no controllers given (ID@HOST:PORT,...)", refusal(1, " ", listen, null, Map.of()));
    assertEquals("--controllers: node id 1 is given twice", refusal(1, "1@a:1,1@b:2", listen, null, Map.of()));
    assertEquals("--controllers: a:1 is given to two nodes", refusal(1, "1@a:1,2@a:1", listen, null, Map.of()));
  }

  @Test
  void theNodeIsOneOfTheVotersAndItsPortsDiffer() {
    assertEquals("--id 4 is not among the controllers (1, 2, 3): every node is one of the voters of --controllers",
        refusal(4, THREE, "127.0.0.1:19092", null, Map.of()));
    assertEquals("--listen 127.0.0.1:29093: port 29093 is node 2's controller port in --controllers; the client"
        + " listener needs another", refusal(2, THREE, "127.0.0.1:29093", null, Map.of()));
    assertEquals("--listen: 'localhost' is not HOST:PORT", refusal(1, THREE, "localhost", null, Map.of()));
    assertEquals("--listen: '::1:9092' is not HOST:PORT (write an IPv6 address in brackets)",
        refusal(1, THREE, "::1:9092", null, Map.of()));
  }

  @Test
  void aWildcardListenAddressNeedsOneToAdvertise() {
    assertEquals("--listen 0.0.0.0:9092 listens on every interface: give --advertise HOST:PORT, the address clients"
        + " and the other brokers connect to", refusal(1, THREE, "0.0.0.0:9092", null, Map.of()));
    assertEquals("--advertise 0.0.0.0:9092: clients cannot connect to a wildcard address; give the one they reach"
        + " this node at", refusal(1, THREE, "0.0.0.0:9092", "0.0.0.0:9092", Map.of()));
    KafkaNodeSettings s = KafkaNodeSettings.parse(2, THREE, "0.0.0.0:9092", "kafka-2:9092", Map.of());
    assertEquals("PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:29093", s.properties(DATA).getProperty("listeners"));
    assertEquals("PLAINTEXT://kafka-2:9092", s.properties(DATA).getProperty("advertised.listeners"));
  }

  @Test
  void overridesComeLastButNotForWhatTheFlagsSet() {
    KafkaNodeSettings s = KafkaNodeSettings.parse(1, THREE, "127.0.0.1:19092", null,
        Map.of("broker.session.timeout.ms", "3000", "num.io.threads", "8"));
    assertEquals("3000", s.properties(DATA).getProperty("broker.session.timeout.ms"));
    assertEquals("8", s.properties(DATA).getProperty("num.io.threads"));
    assertEquals("--override node.id: set by the flags of logplane kafka",
        refusal(1, THREE, "127.0.0.1:19092", null, Map.of("node.id", "7")));
  }

  @Test
  void replicationFollowsTheNumberOfVoters() {
    assertReplication(node(1, "1@127.0.0.1:19093", "127.0.0.1:19092"), "1", "1");
    assertReplication(node(1, "1@127.0.0.1:19093,2@127.0.0.1:29093", "127.0.0.1:19092"), "2", "1");
    assertReplication(node(3, THREE, "127.0.0.1:39092"), "3", "2");
    assertReplication(node(5, THREE + ",4@127.0.0.1:49093,5@127.0.0.1:59093", "127.0.0.1:59092"), "3", "2");
  }

  private static void assertReplication(KafkaNodeSettings s, String rf, String minIsr) {
    var p = s.properties(DATA);
    for (String key : List.of("offsets.topic.replication.factor", "transaction.state.log.replication.factor",
        "share.coordinator.state.topic.replication.factor", "default.replication.factor")) {
      assertEquals(rf, p.getProperty(key), key);
    }
    for (String key : List.of("transaction.state.log.min.isr", "share.coordinator.state.topic.min.isr",
        "min.insync.replicas")) {
      assertEquals(minIsr, p.getProperty(key), key);
    }
    assertEquals("false", p.getProperty("unclean.leader.election.enable"));
  }

  @Test
  void aNodeOfThreeIsConfiguredAsOneOfThem() {
    var p = node(2, THREE, "127.0.0.1:29092").properties(DATA);
    assertEquals("2", p.getProperty("node.id"));
    assertEquals("broker,controller", p.getProperty("process.roles"));
    assertEquals(THREE, p.getProperty("controller.quorum.voters"));
    assertEquals("PLAINTEXT://127.0.0.1:29092,CONTROLLER://127.0.0.1:29093", p.getProperty("listeners"));
    assertEquals("PLAINTEXT://127.0.0.1:29092", p.getProperty("advertised.listeners"));
    assertEquals(DATA.toAbsolutePath().toString(), p.getProperty("log.dirs"));
    assertEquals("-1", p.getProperty("log.retention.ms"));
    assertEquals("false", p.getProperty("auto.create.topics.enable"));
  }

  /**
   * The embedded broker's configuration, property by property, as it was written out before the
   * cluster's nodes shared it, with three additions: one states Kafka's own default, two keep its
   * metrics off JMX.
   */
  @Test
  void theEmbeddedBrokerIsTheOneVoterCaseUnchanged() {
    Map<String, String> expected = new TreeMap<>();
    String before = """
        advertised.listeners=PLAINTEXT://127.0.0.1:39092
        auto.create.topics.enable=false
        background.threads=2
        controller.listener.names=CONTROLLER
        controller.quorum.voters=1@127.0.0.1:39093
        default.replication.factor=1
        group.initial.rebalance.delay.ms=0
        inter.broker.listener.name=PLAINTEXT
        listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
        listeners=PLAINTEXT://127.0.0.1:39092,CONTROLLER://127.0.0.1:39093
        log.cleaner.dedupe.buffer.size=2097152
        log.dirs=/d/data
        log.retention.bytes=-1
        log.retention.ms=-1
        message.max.bytes=8388608
        min.insync.replicas=1
        node.id=1
        num.io.threads=2
        num.network.threads=2
        num.partitions=1
        offsets.topic.num.partitions=1
        offsets.topic.replication.factor=1
        metric.reporters=
        metrics.jmx.exclude=.*
        process.roles=broker,controller
        replica.fetch.max.bytes=16777216
        share.coordinator.state.topic.min.isr=1
        share.coordinator.state.topic.replication.factor=1
        transaction.state.log.min.isr=1
        transaction.state.log.replication.factor=1
        unclean.leader.election.enable=false
        """;
    before.lines().forEach(l -> expected.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
    expected.put("log.dirs", DATA.toAbsolutePath().toString());
    Map<String, String> actual = new TreeMap<>();
    new BrokerSettings("cid", 39092, 39093).brokerProperties(DATA).forEach((k, v) -> actual.put((String) k,
        (String) v));
    assertEquals(expected, actual);
  }
}
