package io.logplane.tests.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logplane kafka}: three processes of it form one cluster that replicates a topic three
 * times; a node killed with SIGKILL comes back with the very command it was started with (its
 * directory keeps the cluster id), and refuses, in one line, to come back as another cluster's.
 * Wrong flags are one line and a non-zero exit, and leave no directory behind.
 */
class KafkaCommandIT {

  private static final String TOPIC = "replicated";

  @TempDir Path dir;

  @Test
  void threeNodesFormOneClusterAndAKilledNodeComesBackWithTheSameCommand() throws Exception {
    try (KafkaCluster kafka = new KafkaCluster(dir.resolve("kafka")).start(); Admin admin = kafka.admin()) {
      for (int i = 0; i < KafkaCluster.NODES; i++) {
        kafka.awaitServing(i, Duration.ofSeconds(60));
        assertServing(kafka, i);
      }
      assertEquals(Set.of(1, 2, 3), KafkaCluster.brokerIds(admin));
      admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 3))).all().get(60, TimeUnit.SECONDS);
      // the controller acknowledges a creation before every broker knows the topic: asked until one answers
      TopicDescription t = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .ignoreExceptionsInstanceOf(ExecutionException.class)
          .until(() -> admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC),
              d -> d != null);
      assertEquals(3, t.partitions().get(0).replicas().size());
      ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
      String minInsync = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .ignoreExceptionsInstanceOf(ExecutionException.class)
          .until(() -> admin.describeConfigs(List.of(r)).all().get(30, TimeUnit.SECONDS).get(r)
              .get("min.insync.replicas").value(), v -> v != null);
      assertEquals("2", minInsync, "the brokers' default for three voters");
      int leader = kafka.leader(TOPIC, 0);
      assertTrue(leader >= 0, "the partition has a leader");

      kafka.kill(1);
      // fenced once it has missed heartbeats for the session timeout
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> KafkaCluster.brokerIds(admin).equals(Set.of(1, 3)));

      List<String> otherCluster = with(kafka.arguments(1), "--cluster-id", Uuid.randomUuid().toString());
      Path refusal = dir.resolve("other-cluster.out");
      Process p = KafkaCluster.launch(otherCluster, refusal);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(1, p.exitValue());
      List<String> said = lines(refusal);
      assertEquals(1, said.size(), String.join("\n", said));
      assertTrue(said.get(0).startsWith("logplane kafka: " + dir.resolve("kafka").resolve("node2").resolve("data")
          + " was formatted for node 2 of cluster " + kafka.clusterId() + ", not for node 2 of cluster "), said.get(0));

      kafka.startNode(1);
      kafka.awaitServing(1, Duration.ofSeconds(120));
      assertServing(kafka, 1);
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> KafkaCluster.brokerIds(admin).equals(Set.of(1, 2, 3)));
      // and it catches up: the partition is in sync on all three again
      Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC)
              .partitions().get(0).isr().size() == 3);
    }
  }

  @Test
  void anIdNotAmongTheVotersIsOneLineAndANonZeroExit() throws Exception {
    KafkaCluster kafka = new KafkaCluster(dir.resolve("kafka"));
    Path node = dir.resolve("node4");
    List<String> args = with(kafka.arguments(0), "--id", "4");
    args.set(args.indexOf("--data-dir") + 1, node.toString());
    Path out = dir.resolve("node4.out");
    Process p = KafkaCluster.launch(args, out);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue());
    assertEquals(List.of("logplane kafka: --id 4 is not among the controllers (1, 2, 3): every node is one of the"
        + " voters of --controllers"), lines(out));
    assertFalse(Files.exists(node), "nothing is written for wrong flags");
  }

  /** Node {@code i}'s one line once it serves, with the cluster's id and its own addresses. */
  private static void assertServing(KafkaCluster kafka, int i) {
    List<String> said = kafka.output(i).lines().filter(l -> l.contains(" serving on ")).toList();
    List<String> args = kafka.arguments(i);
    String controller = kafka.controllers().split(",")[i].substring(2);
    assertEquals(List.of("Kafka node " + (i + 1) + " of cluster " + kafka.clusterId() + " serving on "
        + args.get(args.indexOf("--listen") + 1) + " (controller " + controller + ")"), said);
  }

  private static List<String> with(List<String> args, String flag, String value) {
    List<String> changed = new ArrayList<>(args);
    changed.set(changed.indexOf(flag) + 1, value);
    return changed;
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.readString(file, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
  }
}
