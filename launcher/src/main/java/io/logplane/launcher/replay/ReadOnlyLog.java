package io.logplane.launcher.replay;

import io.logplane.events.EventLog;
import io.logplane.events.LogEntry;
import io.logplane.events.Command;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;

/**
 * The log as a replay serves it: it ends right after the replayed offset and nothing can be
 * appended. Reads that wait for the log end are answered at once; readers and replays see no
 * new records, ever.
 */
final class ReadOnlyLog implements EventLog {

  private final long last;

  ReadOnlyLog(long last) {
    this.last = last;
  }

  @Override
  public CompletableFuture<Long> append(Command record) {
    return CompletableFuture.failedFuture(new IllegalStateException(
        "this is a read-only replay of the log at resourceVersion " + last));
  }

  @Override
  public CompletableFuture<Long> endOffset() {
    return CompletableFuture.completedFuture(last + 1);
  }

  @Override
  public Reader reader(long fromOffset) {
    return new Reader() {
      @Override
      public List<LogEntry> poll(Duration timeout) {
        LockSupport.parkNanos(timeout.toNanos());
        return List.of();
      }

      @Override
      public void seek(long offset) {
        // nothing to read anywhere
      }

      @Override
      public void close() {
        // holds nothing
      }
    };
  }

  @Override
  public Publisher<LogEntry> follow(long fromOffset) {
    return subscriber -> subscriber.onSubscribe(new Subscription() {
      @Override
      public void request(long n) {
        if (n <= 0) {
          subscriber.onError(new IllegalArgumentException("rule 3.9: request(" + n + "), must be positive"));
        }
      }

      @Override
      public void cancel() {
        // nothing is running
      }
    });
  }

  @Override
  public void close() {
    // holds nothing
  }
}
