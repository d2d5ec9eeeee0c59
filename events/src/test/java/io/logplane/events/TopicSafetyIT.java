package io.logplane.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.broker.EmbeddedKafka;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A log topic made by Logplane keeps every acknowledged write (kept forever, never compacted, no
 * unclean leader election), and one a user made with a setting that could lose one is refused
 * with a message naming the setting and the command that fixes it; a Kafka that answers nothing
 * is said to be so.
 */
class TopicSafetyIT {

  @TempDir static Path dir;
  static EmbeddedKafka kafka;
  static Admin admin;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dir, 0);
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()));
  }

  @AfterAll
  static void stopBroker() {
    admin.close();
    kafka.close();
  }

  @Test
  void aNewTopicKeepsEverythingAndElectsNoUncleanLeader() throws Exception {
    try (KafkaEventLog log = KafkaEventLog.open(kafka.bootstrap(), "made", 0)) {
      assertEquals(1, log.replicas(), "one broker: one replica");
      assertEquals(1, log.brokers());
    }
    ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, "made");
    Config c = admin.describeConfigs(Set.of(r)).all().get().get(r);
    assertEquals("-1", c.get("retention.ms").value());
    assertEquals("-1", c.get("retention.bytes").value());
    assertEquals("delete", c.get("cleanup.policy").value());
    assertEquals("false", c.get("unclean.leader.election.enable").value());
    assertEquals("1", c.get("min.insync.replicas").value());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "retention.ms|604800000|so Kafka would delete acknowledged writes",
      "retention.bytes|1073741824|so Kafka would delete acknowledged writes",
      "cleanup.policy|compact|so Kafka would drop earlier records of a key",
      "unclean.leader.election.enable|true|so a replica that missed acknowledged writes may become leader and drop them"})
  void aTopicThatCouldLoseWritesIsRefusedWithItsFix(String key, String value, String why) throws Exception {
    String topic = "unsafe-" + key.replace('.', '-');
    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of(key, value)))).all().get();
    UnsafeTopicException e = assertThrows(UnsafeTopicException.class,
        () -> KafkaEventLog.open(kafka.bootstrap(), topic, 0).close());
    assertTrue(e.getMessage().startsWith("topic " + topic + " has " + key + "=" + value + ", " + why), e.getMessage());
    String fix = key.equals("cleanup.policy") ? "delete" : key.startsWith("retention") ? "-1" : "false";
    assertTrue(e.getMessage().endsWith("(fix: kafka-configs.sh --bootstrap-server " + kafka.bootstrap()
        + " --alter --entity-type topics --entity-name " + topic + " --add-config " + key + "=" + fix + ")"),
        e.getMessage());
    // Fixed as the message says, the topic is taken.
    admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
        new org.apache.kafka.clients.admin.AlterConfigOp(new org.apache.kafka.clients.admin.ConfigEntry(key, fix),
            org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get();
    KafkaEventLog.open(kafka.bootstrap(), topic, 0).close();
  }

  @Test
  void moreReplicasThanBrokersIsRefusedInOneLine() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> KafkaEventLog.open(kafka.bootstrap(), "too-many", 3).close());
    assertTrue(e.getMessage().startsWith("cannot create topic too-many with 3 replica(s) on the 1 broker(s) at "
        + kafka.bootstrap()), e.getMessage());
  }

  @Test
  void aKafkaThatAnswersNothingIsSaidToBeSo() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String nowhere = "127.0.0.1:" + port;
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> KafkaEventLog.open(nowhere, "log", 0).close());
    assertEquals("no Kafka broker answered at " + nowhere + " within 30 s", e.getMessage());
  }
}
