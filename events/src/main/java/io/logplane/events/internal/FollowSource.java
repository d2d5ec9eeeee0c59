package io.logplane.events.internal;

import io.logplane.events.LogEntry;
import io.logplane.events.SourceSubscription;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The live log from an offset on, for one subscription: a consumer of its own, polled only
 * when the subscriber wants more. Never exhausted: it follows the log as it grows.
 */
final class FollowSource implements SourceSubscription.Source<LogEntry> {

  private static final Duration POLL = Duration.ofMillis(500);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final ArrayDeque<LogEntry> buffer = new ArrayDeque<>();

  FollowSource(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long fromOffset) {
    this.consumer = consumer;
    try {
      consumer.assign(Set.of(partition));
      consumer.seek(partition, fromOffset);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  @Override
  public boolean exhausted() {
    return false;
  }

  @Override
  public LogEntry next() {
    if (buffer.isEmpty()) {
      try {
        buffer.addAll(KafkaReader.decode(consumer.poll(POLL)));
      } catch (WakeupException e) {
        return null; // cancel or close: the subscription's loop sees it
      }
    }
    return buffer.poll();
  }

  @Override
  public void wake() {
    consumer.wakeup(); // the only thread-safe consumer method: interrupts a blocked poll
  }

  @Override
  public void close() {
    consumer.close();
  }
}
