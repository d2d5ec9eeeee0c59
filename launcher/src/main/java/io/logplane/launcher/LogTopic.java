package io.logplane.launcher;

import io.logplane.events.KafkaEventLog;
import io.logplane.events.KafkaUnreachableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import io.logplane.events.UnsafeTopicException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's topic as a server starts on it: made or checked, and said. A topic a user's Kafka
 * holds with settings that could lose acknowledged writes, or a Kafka that does not answer, is a
 * reason not to start, given in one line, as is a topic other than the one the data directory's
 * state was made from; a log kept on fewer than three brokers is a warning.
 */
final class LogTopic {
  private static final Logger LOG = LoggerFactory.getLogger(LogTopic.class);
  /** The file, in the data directory, naming the topic whose state it holds by Kafka's id. */
  static final String TOPIC_ID_FILE = "log-topic.id";

  private LogTopic() {}

  /**
   * Opens the log.
   *
   * @param replicationFactor the replicas of a new topic; 0: three, or every broker when fewer
   * @param externalKafka     the user's Kafka as given with {@code --kafka}; null for the embedded broker
   */
  static KafkaEventLog open(Path dataDir, String bootstrap, String topic, int replicationFactor, String externalKafka) {
    try {
      KafkaEventLog opened = KafkaEventLog.open(bootstrap, topic, replicationFactor);
      try {
        checkOwner(dataDir, opened, bootstrap, topic);
      } catch (RuntimeException e) {
        opened.close();
        throw e;
      }
      if (externalKafka != null && opened.replicas() < 3) {
        LOG.warn("the log is kept on {} of Kafka's {} broker(s), fewer than 3: losing {} of them loses acknowledged"
            + " writes", opened.replicas(), opened.brokers(), opened.replicas());
      }
      return opened;
    } catch (UnsafeTopicException e) {
      throw new CannotStartException(e.getMessage());
    } catch (KafkaUnreachableException e) {
      throw new CannotStartException(e.getMessage() + (externalKafka == null ? "" : " (is --kafka " + externalKafka
          + " right?)"));
    }
  }

  /**
   * A data directory holds the state of one log: the topic it was first started on is kept in
   * it by Kafka's id for the topic, and a later start on a topic of the same name but another id
   * (another Kafka cluster, or the topic deleted and made again) is refused: its projection
   * would take the other log's records for ones it had applied.
   */
  private static void checkOwner(Path dataDir, KafkaEventLog log, String bootstrap, String topic) {
    if (log.topicId().isEmpty()) {
      return;
    }
    Path file = dataDir.resolve(TOPIC_ID_FILE);
    try {
      if (Files.exists(file)) {
        String kept = Files.readString(file).strip();
        if (!kept.equals(log.topicId())) {
          throw new CannotStartException("the data directory " + dataDir + " holds the state of log topic " + topic
              + " " + kept + ", but the topic " + topic + " at " + bootstrap + " is another (" + log.topicId()
              + "): another Kafka cluster, or the topic was made again; start with the Kafka it was made on, or"
              + " with a new --data-dir");
        }
        return;
      }
      Path tmp = file.resolveSibling(TOPIC_ID_FILE + ".tmp");
      Files.writeString(tmp, log.topicId() + "\n");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }

  /** How the log is kept, for the ready line. */
  static String replication(boolean embedded, KafkaEventLog log) {
    if (embedded) {
      return "log on one embedded Kafka broker, not replicated";
    }
    return "log replicated " + log.replicas() + " times on a Kafka cluster of " + log.brokers() + " broker(s)";
  }
}
