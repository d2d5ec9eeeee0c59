package io.logplane.events;

import io.logplane.events.internal.ClientSettings;
import io.logplane.events.internal.Coalescer;
import io.logplane.events.internal.KafkaReader;
import io.logplane.events.internal.LeaderAppender;
import io.logplane.events.internal.LogSize;
import io.logplane.events.internal.FollowPublisher;
import io.logplane.events.internal.TopicSetup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.reactivestreams.Publisher;

/**
 * The {@link EventLog} on one partition of a Kafka topic.
 *
 * <p>Futures returned by {@link #append} and {@link #endOffset} complete on Kafka client
 * threads: hop to your own executor before doing anything slow in a dependent stage.
 * {@link #append} itself returns at once while the broker is known and the producer buffer
 * (32 MiB) has room; otherwise it blocks up to the producer's {@code max.block.ms} (60 s), so
 * an event loop should call it from a worker when the broker may be away.
 */
public final class KafkaEventLog implements EventLog {

  private final String bootstrap;
  private final TopicPartition partition;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> offsetConsumer;
  private final ExecutorService offsetThread;
  private final Coalescer<Long> endOffsets;
  private final Set<SourceSubscription<LogEntry>> followers = FollowPublisher.newRegistry();
  /** Appends sent and not yet acknowledged (or failed). */
  private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean closed;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
  private int replicas;
  private int brokers;
  private String topicId;

  private KafkaEventLog(String bootstrap, String topic) {
    this.bootstrap = bootstrap;
    this.partition = new TopicPartition(topic, 0);
    this.producer = ClientSettings.producer(bootstrap, topic);
    this.offsetConsumer = ClientSettings.consumer(bootstrap, topic, "end-offset");
    // Assigned (never polled) so the consumer keeps the high watermark it is told about.
    offsetConsumer.assign(List.of(partition));
    this.offsetThread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "logplane-end-offset-" + topic);
              t.setDaemon(true);
              return t;
            });
    // The consumer is only ever touched from offsetThread (it is not thread-safe).
    this.endOffsets = new Coalescer<>(this::queryEndOffset, offsetThread);
  }

  /**
   * Opens the log on {@code topic}, creating the topic if absent (one partition, kept forever,
   * {@code min.insync.replicas} 2 from two replicas on, no unclean leader election).
   *
   * @param replicationFactor the replicas of a new topic; 0: three, or every broker when fewer
   * @throws UnsafeTopicException when an existing topic could lose acknowledged writes
   * @throws IllegalStateException when no broker answers or the topic cannot be created
   */
  public static KafkaEventLog open(String bootstrap, String topic, int replicationFactor) {
    TopicSetup.Placement placement = TopicSetup.ensure(bootstrap, topic, replicationFactor);
    KafkaEventLog log = new KafkaEventLog(bootstrap, topic);
    log.replicas = placement.replicas();
    log.brokers = placement.brokers();
    log.topicId = placement.topicId();
    return log;
  }

  /** The id Kafka gave the log's topic: the same name on another Kafka cluster has another. */
  public String topicId() {
    return topicId;
  }

  /** The replicas of the log's topic, as found when it was opened. */
  public int replicas() {
    return replicas;
  }

  /** The brokers of the Kafka cluster, as found when the log was opened. */
  public int brokers() {
    return brokers;
  }

  @Override
  public void onAppended(AppendListener listener) {
    this.appendListener = listener;
  }

  @Override
  public void onAppendTimed(java.util.function.LongConsumer nanos) {
    this.appendTimed = nanos;
  }

  /**
   * The partition's size as the brokers' log directories report it: the largest replica (they
   * hold the same records; a lagging follower holds fewer). Asked on the caller's thread, which
   * it blocks for a broker round trip (not on the end-offset thread, which reads wait on).
   */
  @Override
  public CompletableFuture<Long> sizeBytes() {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("event log closed"));
    }
    try {
      return CompletableFuture.completedFuture(LogSize.of(admin(), partition));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The admin client of {@link #sizeBytes}, made at its first use. */
  private synchronized org.apache.kafka.clients.admin.Admin admin() {
    if (admin == null) {
      admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of(
          org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          org.apache.kafka.clients.admin.AdminClientConfig.CLIENT_ID_CONFIG, "logplane-" + partition.topic() + "-size"));
    }
    return admin;
  }

  @Override
  public CompletableFuture<Long> append(Command record) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    try {
      String key = key(record);
      byte[] bytes = Codec.encode(record);
      AppendListener listener = appendListener;
      // Made on the caller's thread: the listener gets what readers of the offset decode.
      Command canonical = listener == null ? null : Codec.canonical(record, bytes);
      java.util.function.LongConsumer timed = appendTimed;
      long sent = timed == null ? 0 : System.nanoTime();
      LeaderAppender.Outcome outcome = (offset, error) -> {
        boolean last = waiting.decrementAndGet() == 0;
        if (error == null) {
          if (timed != null) {
            timed.accept(System.nanoTime() - sent);
          }
          if (listener != null) {
            listener.appended(offset, canonical, last);
          }
          done.complete(offset);
        } else {
          done.completeExceptionally(error);
        }
      };
      LeaderAppender.Pending pending = new LeaderAppender.Pending(
          key == null ? null : key.getBytes(StandardCharsets.UTF_8), bytes, outcome);
      waiting.incrementAndGet();
      try {
        LeaderAppender local = leaderAppender;
        if (local != null) {
          local.append(pending);
        } else {
          send(pending);
        }
      } catch (RuntimeException e) {
        // Thrown (not reported to the outcome): this append is not waiting any more.
        waiting.decrementAndGet();
        throw e;
      }
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  /** Sends a record through the producer; its outcome comes on the producer's I/O thread. */
  private void send(LeaderAppender.Pending p) {
    producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), p.key(), p.value()),
        (metadata, error) -> p.outcome().done(error == null ? metadata.offset() : -1, error));
  }

  private volatile LeaderAppender leaderAppender;

  /** Whether appends go to the partition's leader in this process (not through the producer). */
  public boolean appendsInLeaderProcess() {
    LeaderAppender local = leaderAppender;
    return local != null && local.inProcess();
  }

  /**
   * Appends through the partition's leader when it runs in this process (the embedded broker):
   * {@code leader} appends a batch of records there without a request, or fails with Kafka's
   * {@code NotLeaderOrFollowerException} where it does not lead the partition (then this log
   * goes back to its producer, for good). Call before the first append.
   */
  public KafkaEventLog appendInLeaderProcess(
      java.util.function.Function<List<org.apache.kafka.common.record.internal.SimpleRecord>, CompletableFuture<Long>> leader) {
    this.leaderAppender = new LeaderAppender("logplane-append-" + partition.topic(), leader, this::send,
        ClientSettings.REQUEST_TIMEOUT_MS);
    return this;
  }

  /** The partition key: the object key, so a compacted copy of the log would keep the latest. */
  private static String key(Command record) {
    if (record instanceof Command.Create r) {
      return r.key();
    } else if (record instanceof Command.Update r) {
      return r.key();
    } else if (record instanceof Command.Delete r) {
      return r.key();
    }
    return null;
  }

  /**
   * The high watermark: every acknowledged append is below it. Concurrent callers share broker
   * requests, but each gets an answer from a request sent after it called.
   */
  @Override
  public CompletableFuture<Long> endOffset() {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("event log closed"));
    }
    java.util.OptionalLong here = inProcess();
    return here.isPresent() ? CompletableFuture.completedFuture(here.getAsLong()) : endOffsets.get();
  }

  /** The in-process leader's answer; empty when there is none or it cannot answer (stopping). */
  private java.util.OptionalLong inProcess() {
    java.util.function.Supplier<java.util.OptionalLong> local = leaderInProcess;
    if (local == null) {
      return java.util.OptionalLong.empty();
    }
    try {
      return local.get();
    } catch (RuntimeException e) {
      return java.util.OptionalLong.empty();
    }
  }

  private volatile java.util.function.Supplier<java.util.OptionalLong> leaderInProcess;

  /**
   * Reads the end offset from the partition's leader when it runs in this process (the
   * embedded broker), without a request: {@code leader} answers the high watermark it holds, or
   * empty when it does not lead the partition (then the broker is asked as before). A read
   * barrier then costs a field read instead of a round trip through the broker's threads.
   */
  public KafkaEventLog endOffsetFromLeaderInProcess(java.util.function.Supplier<java.util.OptionalLong> leader) {
    this.leaderInProcess = leader;
    return this;
  }

  private Long queryEndOffset() {
    return offsetConsumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
  }

  private volatile AppendListener appendListener;
  private volatile java.util.function.LongConsumer appendTimed;
  private org.apache.kafka.clients.admin.Admin admin;
  private volatile Duration othersWait = DEFAULT_OTHERS_WAIT;

  /** How long a reader that has this process's appends waits for other writers' records. */
  public static final Duration DEFAULT_OTHERS_WAIT = Duration.ofMillis(20);

  /**
   * Sets how long the reader of a log that reports this process's appends waits for the records
   * of other writers (other API replicas): their writes are seen up to this much later, and an
   * idle reader costs a fetch round trip per period (most of an idle server's CPU). Takes effect
   * for readers opened afterwards.
   */
  public KafkaEventLog waitForOthers(Duration wait) {
    this.othersWait = wait;
    return this;
  }

  @Override
  public EventLog.Reader reader(long fromOffset) {
    // With a listener, the reader's caller has this process's appends already: it follows lazily.
    return new KafkaReader(appendListener != null ? ClientSettings.follower(bootstrap, partition.topic(), othersWait)
        : ClientSettings.consumer(bootstrap, partition.topic(), "reader"), partition, fromOffset);
  }

  @Override
  public Publisher<LogEntry> follow(long fromOffset) {
    return new FollowPublisher(
        () -> ClientSettings.consumer(bootstrap, partition.topic(), "follow"),
        partition,
        fromOffset,
        followers);
  }

  /**
   * Flushes pending appends, ends live followers with an error and closes the clients. Readers
   * are closed by their owners. With no broker answering, the appends still pending fail after
   * {@link #CLOSE_WAIT} (none of them was acknowledged to anyone) rather than holding the stop
   * for ever, as Kafka's producer does by default.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (SourceSubscription<LogEntry> s : followers) {
      s.fail(new IllegalStateException("event log closed"));
    }
    LeaderAppender local = leaderAppender;
    if (local != null) {
      local.close();
    }
    producer.close(CLOSE_WAIT);
    offsetThread.execute(offsetConsumer::close);
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    offsetThread.shutdown();
    try {
      offsetThread.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
