package io.logplane.launcher.replay;

import io.logplane.events.Codec;
import io.logplane.projections.rebuild.KafkaRawSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Small questions to the log: its bounds, and the request time of the record at an offset. */
public final class LogProbe implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicPartition partition;

  public LogProbe(String bootstrap, String topic) {
    // Fetches of at most 64 KiB: each probe wants one record.
    this.consumer = KafkaRawSource.consumer(bootstrap, 1, 64 << 10);
    this.partition = new TopicPartition(topic, 0);
    consumer.assign(Set.of(partition));
  }

  /** The first offset the log holds. */
  public long start() {
    return consumer.beginningOffsets(List.of(partition), TIMEOUT).get(partition);
  }

  /** The offset the next record will get. */
  public long end() {
    return consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
  }

  /** The request time (epoch ms) of the record at offset. */
  public long timeAt(long offset) {
    consumer.seek(partition, offset);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        if (r.offset() == offset) {
          return Codec.decodeAt(r.value(), r.offset()).meta().timeMillis();
        }
      }
    }
    throw new ReplayException("the log did not return the record at offset " + offset + " within " + TIMEOUT);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
