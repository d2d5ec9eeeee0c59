package io.logplane.events.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.record.internal.SimpleRecord;

/**
 * Appends records through the partition's leader when it runs in this process, as the producer's
 * I/O thread sends them over the network: one thread takes what callers queued, appends it as one
 * batch (group commit: the records that arrive during an append go together in the next one), and
 * reports each record's offset, in order, on that thread. A create then crosses one thread
 * instead of the producer's I/O thread and the broker's network and request threads, both ways.
 *
 * <p>When the leader answers that it does not lead the partition (it moved, or is stopping), the
 * appender hands that batch and every later record to {@code elsewhere} (the producer), for good,
 * so the records keep their order.
 */
public final class LeaderAppender implements AutoCloseable {

  /** Where an append's outcome goes: its offset, or the error. */
  public interface Outcome {
    void done(long offset, Exception error);
  }

  /** A record waiting for the log. */
  public record Pending(byte[] key, byte[] value, Outcome outcome) {}

  /** Bytes of values per batch: a batch is one message to the broker, bounded by its max.message.bytes. */
  static final int BATCH_BYTES = 1 << 20;

  private final Function<List<SimpleRecord>, CompletableFuture<Long>> leader;
  private final java.util.function.Consumer<Pending> elsewhere;
  private final long timeoutMillis;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean moved;
  private volatile boolean closed;
  /** Set by {@link #closeWhenAppended}: the thread stops once the queue is empty. */
  private volatile boolean draining;

  /**
   * @param leader    appends a batch in the leader's process; fails with {@link NotLeaderOrFollowerException}
   *                  where it leads the partition no more
   * @param elsewhere sends one record the way it went before (the producer), once the leader moved
   */
  public LeaderAppender(String name, Function<List<SimpleRecord>, CompletableFuture<Long>> leader,
      java.util.function.Consumer<Pending> elsewhere, long timeoutMillis) {
    this.leader = leader;
    this.elsewhere = elsewhere;
    this.timeoutMillis = timeoutMillis;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a record; its outcome comes on the appender's thread (or the producer's, once moved). */
  public void append(Pending p) {
    if (moved) {
      synchronized (this) {
        drainElsewhere();
        elsewhere.accept(p);
      }
      return;
    }
    queue.add(p);
    if (closed && !thread.isAlive()) {
      failQueued();
    } else if (moved) {
      // the appender moved after the check above: whatever is queued goes on now, in order
      synchronized (this) {
        drainElsewhere();
      }
    }
  }

  /** Whether the appender still appends in the leader's process. */
  public boolean inProcess() {
    return !moved;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    while (!closed) {
      try {
        Pending first = queue.poll(draining ? 0 : 100, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (draining) {
            break;
          }
          continue;
        }
        batch.add(first);
        int bytes = first.value().length;
        for (Pending next; bytes < BATCH_BYTES && (next = queue.peek()) != null
            && bytes + next.value().length <= BATCH_BYTES; ) {
          batch.add(queue.poll());
          bytes += next.value().length;
        }
        if (!appendBatch(batch)) {
          return; // moved: callers hand their records on themselves
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        batch.clear();
      }
    }
    failQueued();
  }

  private void failQueued() {
    Exception stopped = new IllegalStateException("event log closed");
    for (Pending p; (p = queue.poll()) != null; ) {
      tell(p, -1, stopped);
    }
  }

  /** Appends the batch and tells each record's outcome; false when the leader moved (the batch went elsewhere). */
  private boolean appendBatch(List<Pending> batch) throws InterruptedException {
    long now = System.currentTimeMillis();
    List<SimpleRecord> records = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      records.add(new SimpleRecord(now, p.key(), p.value()));
    }
    long base;
    try {
      base = leader.apply(records).get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      batch.forEach(p -> tell(p, -1, e)); // the broker failed the call itself (stopping, say)
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NotLeaderOrFollowerException) {
        synchronized (this) {
          moved = true;
          batch.forEach(elsewhere);
          drainElsewhere();
        }
        return false;
      }
      Exception cause = e.getCause() instanceof Exception c ? c : e;
      batch.forEach(p -> tell(p, -1, cause));
      return true;
    } catch (TimeoutException e) {
      batch.forEach(p -> tell(p, -1, e));
      return true;
    }
    for (int i = 0; i < batch.size(); i++) {
      tell(batch.get(i), base + i, null);
    }
    return true;
  }

  /** Tells an outcome; one that throws is logged, as the producer's I/O thread logs a callback's. */
  private static void tell(Pending p, long offset, Exception error) {
    try {
      p.outcome().done(offset, error);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(LeaderAppender.class).error("an append's outcome failed", e);
    }
  }

  /** Hands every queued record on, in order; called holding this object's lock. */
  private void drainElsewhere() {
    for (Pending p; (p = queue.poll()) != null; ) {
      elsewhere.accept(p);
    }
  }

  /** Stops taking records; those still queued fail (none was acknowledged). */
  @Override
  public void close() {
    closed = true;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!moved) {
      failQueued(); // queued while the appender stopped
    }
  }

  /**
   * Appends what is queued, then stops, as a producer's close sends what it holds: for a log whose
   * records nobody waits for (the changelog). What is still queued after {@code timeoutMillis} fails.
   */
  public void closeWhenAppended(long timeoutMillis) {
    draining = true;
    try {
      thread.join(timeoutMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }
}
