package io.logplane.events.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.logplane.events.UnsafeTopicException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates the log's topic when it is absent and checks that an existing one keeps what it acknowledged. */
public final class TopicSetup {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private TopicSetup() {}

  /**
   * Where the topic lives: on how many brokers the cluster has, with how many replicas.
   *
   * @param brokers  the brokers of the Kafka cluster
   * @param replicas the topic's replication factor
   * @param topicId  the id Kafka gave the topic when it was made: another topic of the same name
   *                 (another Kafka cluster, or the topic deleted and made again) has another
   */
  public record Placement(int brokers, int replicas, String topicId) {}

  /**
   * Makes sure {@code topic} exists with one partition. A new topic keeps everything forever
   * and needs two in-sync replicas once it has two.
   *
   * @param replicationFactor the replicas a new topic gets; 0: three, or every broker when fewer
   * @throws UnsafeTopicException when an existing topic's settings could lose acknowledged writes
   * @throws IllegalStateException when no broker answers or the topic cannot be made
   */
  public static Placement ensure(String bootstrap, String topic, int replicationFactor) {
    return ensure(bootstrap, topic, replicationFactor, ClientSettings.MAX_MESSAGE_BYTES);
  }

  /** {@link #ensure(String, String, int)} for a topic whose records may be up to maxMessageBytes. */
  public static Placement ensure(String bootstrap, String topic, int replicationFactor, int maxMessageBytes) {
    Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis() / 2);
    try (Admin admin = Admin.create(config)) {
      int brokers = brokers(admin, bootstrap);
      int wanted = replicationFactor > 0 ? replicationFactor : TopicSafety.replicationFactorFor(brokers);
      NewTopic spec =
          new NewTopic(topic, 1, (short) wanted)
              .configs(
                  Map.of(
                      "retention.ms", "-1",
                      "retention.bytes", "-1",
                      "cleanup.policy", "delete",
                      "unclean.leader.election.enable", "false",
                      "max.message.bytes", Integer.toString(maxMessageBytes),
                      "min.insync.replicas", Integer.toString(TopicSafety.minInsyncReplicasFor(wanted))));
      try {
        admin.createTopics(List.of(spec)).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic " + topic + " with " + wanted + " replica(s) on the "
              + brokers + " broker(s) at " + bootstrap + ": " + e.getCause().getMessage(), e);
        }
      }
      TopicDescription d = awaitLeader(admin, topic);
      int replicas = d.partitions().isEmpty() ? 0 : d.partitions().get(0).replicas().size();
      List<String> problems = TopicSafety.problems(bootstrap, topic, d.partitions().size(), replicas, wanted,
          configs(admin, topic));
      if (!problems.isEmpty()) {
        throw new UnsafeTopicException(String.join("; ", problems));
      }
      return new Placement(brokers, replicas, d.topicId() == null ? "" : d.topicId().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while setting up topic " + topic, e);
    }
  }

  private static int brokers(Admin admin, String bootstrap) throws InterruptedException {
    try {
      return admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
    } catch (ExecutionException | TimeoutException e) {
      throw new io.logplane.events.KafkaUnreachableException("no Kafka broker answered at " + bootstrap + " within "
          + READY_TIMEOUT.toSeconds() + " s", e);
    }
  }

  /**
   * The topic's effective configuration, the broker's defaults included. The broker asked may
   * not know a topic just made yet, even once another has shown its leader: asked again until it
   * does.
   */
  private static Map<String, String> configs(Admin admin, String topic) throws InterruptedException {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      try {
        Config c = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        Map<String, String> out = new HashMap<>();
        for (ConfigEntry e : c.entries()) {
          if (e.value() != null) {
            out.put(e.name(), e.value());
          }
        }
        return out;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot read the configuration of topic " + topic + ": " + e.getCause(),
              e);
        }
      }
      Thread.sleep(20); // metadata propagation takes milliseconds; poll gently
    }
  }

  /**
   * Describes the topic once the broker serving it knows it and it has a leader: the
   * controller acknowledges a creation before brokers have caught up with it.
   */
  private static TopicDescription awaitLeader(Admin admin, String topic) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      try {
        TopicDescription d = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
        if (d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return d;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getCause(), e);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topic " + topic + " has no leader after " + READY_TIMEOUT);
      }
      Thread.sleep(20); // metadata propagation takes milliseconds; poll gently
    }
  }
}
