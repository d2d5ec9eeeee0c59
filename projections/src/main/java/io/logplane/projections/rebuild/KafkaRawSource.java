package io.logplane.projections.rebuild;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The log's partition read for bulk replay: large fetches (tens of MiB, thousands of records a
 * poll) prefetched by the consumer's network thread, no CRC check (the broker verified each
 * batch when it was appended), no consumer group.
 */
public final class KafkaRawSource implements RawSource {

  private static final Duration POLL = Duration.ofMillis(200);
  private static final java.util.concurrent.atomic.AtomicInteger CLIENTS = new java.util.concurrent.atomic.AtomicInteger();

  private final KafkaConsumer<byte[], byte[]> consumer;

  public KafkaRawSource(String bootstrap, String topic, long fromOffset) {
    this.consumer = consumer(bootstrap, 8192, 16 << 20);
    TopicPartition p = new TopicPartition(topic, 0);
    consumer.assign(Set.of(p));
    consumer.seek(p, fromOffset);
  }

  /** A group-less consumer that never commits and fails on offsets outside the log. */
  public static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, int maxRecords, int maxBytes) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "logplane-replay-" + CLIENTS.incrementAndGet());
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxRecords);
    c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, maxBytes);
    c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, maxBytes);
    c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    c.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 4 << 20);
    c.put(ConsumerConfig.CHECK_CRCS_CONFIG, false);
    return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public List<Raw> poll() {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
    List<Raw> out = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      out.add(new Raw(r.offset(), r.value()));
    }
    return out;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
