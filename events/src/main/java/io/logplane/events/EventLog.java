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
  CompletableFuture<Long> append(Command record);

  /** The offset the next appended record will get (the log end offset), asked of the broker. */
  CompletableFuture<Long> endOffset();

  /**
   * Registers the one listener told of every record this process appended, at its offset, as
   * soon as the log acknowledged it and before the append's future completes. The record given
   * is the one decoded from the appended bytes — exactly what a reader of that offset gets — so
   * a local projection can apply its own writes without waiting to fetch them back.
   */
  default void onAppended(AppendListener listener) {
    throw new UnsupportedOperationException("this log does not report its appends");
  }

  /**
   * Told of an acknowledged append. Called on the log's I/O thread, in offset order: must not
   * block, and may do a short piece of work only when {@code last} says no other append waits.
   */
  @FunctionalInterface
  interface AppendListener {
    /**
     * @param last whether this was the only append of this process still waiting for the log
     *     (no more acknowledgements are on their way): a listener may finish what the record
     *     needs right here instead of handing it to another thread, without holding up others
     */
    void appended(long offset, Command record, boolean last);
  }

  /**
   * Registers the one listener told of each acknowledged append's round trip (from the call to
   * {@link #append} to the log's acknowledgement), in nanoseconds, on the log's I/O thread: it
   * must only record the figure. A log that does not time its appends ignores it.
   */
  default void onAppendTimed(java.util.function.LongConsumer nanos) {
  }

  /**
   * The bytes the log's partition takes on disk (one replica's copy), asked of the broker; fails
   * with {@link UnsupportedOperationException} for a log that cannot tell.
   */
  default CompletableFuture<Long> sizeBytes() {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("this log does not report its size"));
  }

  /** A pull reader positioned at {@code fromOffset}; one thread uses it. */
  Reader reader(long fromOffset);

  /**
   * The records from {@code fromOffset} on, in order, as a Reactive Streams publisher: it honours
   * demand (backpressure) and stops reading when cancelled. It does not complete on its own:
   * it follows the log as it grows.
   */
  Publisher<LogEntry> follow(long fromOffset);

  @Override
  void close();

  /** A blocking reader of the log, for the projection loop. */
  interface Reader extends AutoCloseable {
    /** The next records, possibly none after waiting at most {@code timeout}. */
    List<LogEntry> poll(Duration timeout);

    /**
     * The next records except those {@code known} accepts: those are consumed without being
     * decoded (a caller that already has them saves the work).
     */
    default List<LogEntry> poll(Duration timeout, java.util.function.LongPredicate known) {
      List<LogEntry> all = poll(timeout);
      return all.stream().filter(e -> !known.test(e.offset())).toList();
    }

    /** Moves the reader to {@code offset}. */
    void seek(long offset);

    @Override
    void close();
  }
}
