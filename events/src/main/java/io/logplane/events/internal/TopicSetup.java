package io.logplane.events.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates the log's topic when it is absent and checks that an existing one fits. */
public final class TopicSetup {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private TopicSetup() {}

  /**
   * Makes sure {@code topic} exists with one partition. A new topic keeps everything forever
   * and needs two in-sync replicas once it has three.
   *
   * @throws IllegalStateException when the topic has more than one partition (no total order)
   *     or the broker cannot be reached
   */
  public static void ensure(String bootstrap, String topic, int replicationFactor) {
    ensure(bootstrap, topic, replicationFactor, ClientSettings.MAX_MESSAGE_BYTES);
  }

  /** {@link #ensure(String, String, int)} for a topic whose records may be up to maxMessageBytes. */
  public static void ensure(String bootstrap, String topic, int replicationFactor, int maxMessageBytes) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      NewTopic spec =
          new NewTopic(topic, 1, (short) replicationFactor)
              .configs(
                  Map.of(
                      "retention.ms", "-1",
                      "retention.bytes", "-1",
                      "max.message.bytes", Integer.toString(maxMessageBytes),
                      "min.insync.replicas", replicationFactor >= 3 ? "2" : "1"));
      try {
        admin.createTopics(List.of(spec)).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e);
        }
      }
      TopicDescription d = awaitLeader(admin, topic);
      if (d.partitions().size() != 1) {
        throw new IllegalStateException(
            "topic " + topic + " has " + d.partitions().size() + " partitions; the log needs exactly 1");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while setting up topic " + topic, e);
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
