package io.logplane.events;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;

/**
 * The log: one totally ordered sequence of records (one Kafka partition). Offsets start at 0
 * and are contiguous.
 *
 * <p>Appends are durable when their future completes (acks=all, idempotent producer); a
 * failed future means the record may or may not be in the log, and the caller may not retry
 * blindly. Appends from one thread keep their order.
 */
public interface EventLog extends AutoCloseable {

  /** Appends a record; completes with its offset once every in-sync replica has it. */
  CompletableFuture<Long> append(Record record);

  /** The offset the next appended record will get (the log end offset), asked of the broker. */
  CompletableFuture<Long> endOffset();

  /** A pull reader positioned at {@code fromOffset}; one thread uses it. */
  Reader reader(long fromOffset);

  /**
   * The records from {@code fromOffset} on, in order, as a Reactive Streams publisher: it honours
   * demand (backpressure) and stops reading when cancelled. It does not complete on its own:
   * it follows the log as it grows.
   */
  Publisher<LogEntry> replay(long fromOffset);

  @Override
  void close();

  /** A blocking reader of the log, for the projection loop. */
  interface Reader extends AutoCloseable {
    /** The next records, possibly none after waiting at most {@code timeout}. */
    List<LogEntry> poll(Duration timeout);

    /** Moves the reader to {@code offset}. */
    void seek(long offset);

    @Override
    void close();
  }
}
