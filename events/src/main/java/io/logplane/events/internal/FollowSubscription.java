package io.logplane.events.internal;

import io.logplane.events.LogEntry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's read of the log: a thread that owns a consumer, polls only while there is
 * unmet demand, and signals the subscriber serially from that thread. It ends (closing the
 * consumer) on cancel, on a failure (signalled as onError), or when the log closes.
 */
public final class FollowSubscription implements Subscription, Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(FollowSubscription.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final Subscriber<? super LogEntry> subscriber;
  private final Supplier<KafkaConsumer<byte[], byte[]>> consumers;
  private final TopicPartition partition;
  private final long fromOffset;
  private final Consumer<FollowSubscription> onEnd;
  private final Object lock = new Object();
  private long demand; // guarded by lock
  private volatile boolean cancelled;
  private volatile Throwable failure;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  FollowSubscription(
      Subscriber<? super LogEntry> subscriber,
      Supplier<KafkaConsumer<byte[], byte[]>> consumers,
      TopicPartition partition,
      long fromOffset,
      Consumer<FollowSubscription> onEnd) {
    this.subscriber = subscriber;
    this.consumers = consumers;
    this.partition = partition;
    this.fromOffset = fromOffset;
    this.onEnd = onEnd;
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      fail(new IllegalArgumentException("rule 3.9: request(" + n + "), must be positive"));
      return;
    }
    synchronized (lock) {
      long sum = demand + n;
      demand = sum < 0 ? Long.MAX_VALUE : sum; // rule 3.17: saturate, do not overflow
      lock.notifyAll();
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
    wake();
  }

  /** Ends the subscription with onError({@code cause}) unless it already ended. */
  public void fail(Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
    wake();
  }

  private void wake() {
    synchronized (lock) {
      lock.notifyAll();
    }
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup(); // the only thread-safe consumer method: interrupts a blocked poll
    }
  }

  private boolean stopping() {
    return cancelled || failure != null;
  }

  @Override
  public void run() {
    if (cancelled) { // cancelled from onSubscribe: no need for a consumer at all
      onEnd.accept(this);
      return;
    }
    Throwable error = null;
    try (KafkaConsumer<byte[], byte[]> c = consumers.get()) {
      consumer = c;
      c.assign(Set.of(partition));
      c.seek(partition, fromOffset);
      ArrayDeque<LogEntry> buffer = new ArrayDeque<>();
      while (awaitDemand()) {
        if (buffer.isEmpty()) {
          try {
            buffer.addAll(KafkaReader.decode(c.poll(POLL)));
          } catch (WakeupException e) {
            // cancel or close: the loop condition sees it
          }
        } else if (!deliver(buffer.poll())) {
          break;
        }
      }
    } catch (Throwable t) {
      error = t;
    } finally {
      consumer = null;
      onEnd.accept(this);
    }
    Throwable f = failure != null ? failure : error;
    if (!cancelled && f != null) {
      try {
        subscriber.onError(f);
      } catch (Throwable t) {
        LOG.warn("subscriber threw from onError (rule 2.13)", t);
      }
    }
  }

  /** Waits while there is no demand; false once the subscription is to stop. */
  private boolean awaitDemand() throws InterruptedException {
    synchronized (lock) {
      while (demand == 0 && !stopping()) {
        lock.wait();
      }
      return !stopping();
    }
  }

  private boolean deliver(LogEntry entry) {
    synchronized (lock) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
    }
    try {
      subscriber.onNext(entry);
      return true;
    } catch (Throwable t) {
      // Rule 2.13: the subscription is considered cancelled; report it where it can be seen.
      LOG.warn("subscriber threw from onNext (rule 2.13); subscription cancelled", t);
      cancelled = true;
      return false;
    }
  }
}
