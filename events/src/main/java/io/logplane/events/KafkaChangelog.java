package io.logplane.events;

import io.logplane.events.internal.ClientSettings;
import io.logplane.events.internal.LeaderAppender;
import io.logplane.events.internal.TopicSetup;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The changelog next to the log: one topic of one partition where a projection appends what
 * each of its committed batches wrote to its store, in commit order. It is derived data, like the
 * store — the log stays the truth — but a store can be rebuilt from it without deciding a record
 * again. Appends are durable (acks=all, idempotent) but off the write path: they are sent after
 * the batch is committed and batched by the producer, and nobody waits for them.
 */
public final class KafkaChangelog implements AutoCloseable {

  /** How change sets are compressed, by the producer or in the leader's process: JSON takes LZ4 well. */
  public static final Compression COMPRESSION = Compression.lz4().build();

  /** Largest change set: a batch of thousands of records of a few KiB. */
  public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

  private final String bootstrap;
  private final TopicPartition partition;
  private final KafkaProducer<byte[], byte[]> producer;
  private volatile LeaderAppender leaderAppender;

  private KafkaChangelog(String bootstrap, String topic) {
    this.bootstrap = bootstrap;
    this.partition = new TopicPartition(topic, 0);
    Map<String, Object> c = new HashMap<>();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ProducerConfig.CLIENT_ID_CONFIG, "logplane-" + topic + "-producer");
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    c.put(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);
    c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L << 20);
    c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE_BYTES);
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000); // sent from its own thread, which a dead Kafka must not hold for a minute
    this.producer = new KafkaProducer<>(c, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Opens the changelog on {@code topic}, creating it as the log's topic is created. */
  public static KafkaChangelog open(String bootstrap, String topic, int replicationFactor) {
    TopicSetup.ensure(bootstrap, topic, replicationFactor, MAX_MESSAGE_BYTES);
    return new KafkaChangelog(bootstrap, topic);
  }

  /** Appends a change set; completes with its changelog offset. */
  public CompletableFuture<Long> append(byte[] changeSet) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    LeaderAppender.Pending pending = new LeaderAppender.Pending(null, changeSet, (offset, error) -> {
      if (error == null) {
        done.complete(offset);
      } else {
        done.completeExceptionally(error);
      }
    });
    try {
      LeaderAppender local = leaderAppender;
      if (local != null) {
        local.append(pending);
      } else {
        send(pending);
      }
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  private void send(LeaderAppender.Pending p) {
    producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), p.key(), p.value()),
        (m, error) -> p.outcome().done(error == null ? m.offset() : -1, error));
  }

  /**
   * Appends through the partition's leader when it runs in this process (the embedded broker), as
   * {@link KafkaEventLog#appendInLeaderProcess} does: no producer, no request and no broker thread,
   * and none of their code for the compiler to compile while a server warms up. {@code leader}
   * should compress as {@link #COMPRESSION} says, as the producer does.
   * Where the leader moved, the producer appends again, for good. Call before the first append.
   */
  public KafkaChangelog appendInLeaderProcess(Function<List<SimpleRecord>, CompletableFuture<Long>> leader) {
    this.leaderAppender = new LeaderAppender("logplane-changelog-append", leader, this::send,
        ClientSettings.REQUEST_TIMEOUT_MS);
    return this;
  }

  /** Whether change sets go to the partition's leader in this process (not through the producer). */
  public boolean appendsInLeaderProcess() {
    LeaderAppender local = leaderAppender;
    return local != null && local.inProcess();
  }

  /** The last change set appended, or null when there is none. */
  public byte[] last() {
    return last(bootstrap, partition.topic());
  }

  /** The last record of a changelog topic, or null when it is empty or absent. */
  public static byte[] last(String bootstrap, String topic) {
    long end = endOffset(bootstrap, topic);
    if (end <= 0) {
      return null;
    }
    TopicPartition p = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> c = ClientSettings.consumer(bootstrap, topic, "tail")) {
      c.assign(List.of(p));
      c.seek(p, end - 1);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() - deadline < 0) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (r.offset() == end - 1) {
            return r.value();
          }
        }
      }
      throw new IllegalStateException("cannot read the last record of " + topic);
    }
  }

  /** The end offset of a changelog topic: 0 when it is empty or does not exist. */
  public static long endOffset(String bootstrap, String topic) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      if (!admin.listTopics().names().get().contains(topic)) {
        return 0;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot list the topics of " + bootstrap + ": " + e.getCause(), e);
    }
    TopicPartition p = new TopicPartition(topic, 0);
    try (KafkaConsumer<byte[], byte[]> c = ClientSettings.consumer(bootstrap, topic, "end")) {
      return c.endOffsets(List.of(p), Duration.ofSeconds(30)).get(p);
    }
  }

  /** Appends or sends what is pending and closes the producer. */
  @Override
  public void close() {
    LeaderAppender local = leaderAppender;
    if (local != null) {
      local.closeWhenAppended(30_000);
    }
    producer.close(Duration.ofSeconds(30));
  }
}
