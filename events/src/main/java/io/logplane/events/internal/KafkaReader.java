package io.logplane.events.internal;

import io.logplane.events.Codec;
import io.logplane.events.EventLog;
import io.logplane.events.LogEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** A pull reader over the log's single partition; not thread-safe, like its consumer. */
public final class KafkaReader implements EventLog.Reader {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicPartition partition;

  /** Takes ownership of {@code consumer}, assigns it {@code partition} at {@code fromOffset}. */
  public KafkaReader(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long fromOffset) {
    this.consumer = consumer;
    this.partition = partition;
    try {
      consumer.assign(Set.of(partition));
      consumer.seek(partition, fromOffset);
    } catch (RuntimeException e) {
      consumer.close(Duration.ZERO);
      throw e;
    }
  }

  @Override
  public List<LogEntry> poll(Duration timeout) {
    return decode(consumer.poll(timeout));
  }

  @Override
  public List<LogEntry> poll(Duration timeout, java.util.function.LongPredicate known) {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
    List<LogEntry> entries = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (!known.test(r.offset())) {
        entries.add(new LogEntry(r.offset(), decode(r)));
      }
    }
    return entries;
  }

  /** The records of one poll, decoded, in offset order. */
  static List<LogEntry> decode(ConsumerRecords<byte[], byte[]> records) {
    if (records.isEmpty()) {
      return List.of();
    }
    List<LogEntry> entries = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> r : records) {
      entries.add(new LogEntry(r.offset(), decode(r)));
    }
    return entries;
  }

  private static io.logplane.events.Command decode(ConsumerRecord<byte[], byte[]> r) {
    return Codec.decodeAt(r.value(), r.offset());
  }

  @Override
  public void seek(long offset) {
    consumer.seek(partition, offset);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
