package io.logplane.events.internal;

import io.logplane.events.LogEntry;
import io.logplane.events.SourceSubscription;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/**
 * The log from an offset on, as a cold, never-completing publisher: every subscription reads
 * with its own consumer on its own thread, from the same offset.
 */
public final class FollowPublisher implements Publisher<LogEntry> {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Supplier<KafkaConsumer<byte[], byte[]>> consumers;
  private final TopicPartition partition;
  private final long fromOffset;
  private final Set<SourceSubscription<LogEntry>> active;

  /**
   * @param consumers makes a consumer for each subscription (called on its thread)
   * @param active    the live subscriptions, kept so the log can end them when it closes
   */
  public FollowPublisher(
      Supplier<KafkaConsumer<byte[], byte[]>> consumers,
      TopicPartition partition,
      long fromOffset,
      Set<SourceSubscription<LogEntry>> active) {
    this.consumers = consumers;
    this.partition = partition;
    this.fromOffset = fromOffset;
    this.active = active;
  }

  /** A fresh set to track subscriptions in. */
  public static Set<SourceSubscription<LogEntry>> newRegistry() {
    return ConcurrentHashMap.newKeySet();
  }

  @Override
  public void subscribe(Subscriber<? super LogEntry> subscriber) {
    SourceSubscription.start(subscriber, () -> new FollowSource(consumers.get(), partition, fromOffset),
        "logplane-follow-" + partition.topic() + "-" + THREADS.incrementAndGet(), active);
  }
}
