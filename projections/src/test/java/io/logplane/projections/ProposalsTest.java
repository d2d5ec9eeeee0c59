package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logplane.events.Command;
import io.logplane.events.EventLog;
import io.logplane.events.LogEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;

/**
 * The write path over a real RocksDB and a log kept in memory whose answers the test chooses: a
 * write answers its verdict, a write the log refuses leaves no waiter behind, and a projection
 * behind the log refuses new writes before anything is appended.
 */
class ProposalsTest {

  @TempDir
  Path dir;

  @Test
  void anAcceptedWriteAnswersItsVerdict() throws Exception {
    try (RocksStore store = RocksStore.open(dir); ScriptedLog log = new ScriptedLog(0, null);
        Projection p = new Projection(log, store, new StateMachine(Set.of()), 100).start()) {
      Proposals proposals = new Proposals(log, p);
      Projection.Applied applied = proposals.propose(namespace("r0")).get();
      assertEquals(0, applied.offset());
      assertInstanceOf(Outcome.Accepted.class, applied.outcome());
      assertEquals(0, p.waiting());
      assertEquals(0, proposals.lag());
    }
  }

  @Test
  void aWriteTheLogRefusesFailsAndForgetsItsWaiter() throws Exception {
    IOException away = new IOException("broker away");
    try (RocksStore store = RocksStore.open(dir); ScriptedLog log = new ScriptedLog(0, away)) {
      Projection p = new Projection(log, store, new StateMachine(Set.of()), 100);
      CompletableFuture<Projection.Applied> f = new Proposals(log, p).propose(namespace("r0"));
      ExecutionException e = assertThrows(ExecutionException.class, f::get);
      NotAppended failure = assertInstanceOf(NotAppended.class, e.getCause());
      assertSame(away, failure.getCause());
      assertEquals(0, p.waiting());
    }
  }

  @Test
  void aProjectionBehindTheLogRefusesWritesBeforeAppendingThem() throws Exception {
    // The log's end is far ahead (others wrote), and this projection has applied nothing.
    try (RocksStore store = RocksStore.open(dir); ScriptedLog log = new ScriptedLog(20_000, null)) {
      Projection p = new Projection(log, store, new StateMachine(Set.of()), 100);
      Proposals proposals = new Proposals(log, p, 100, Duration.ofSeconds(3));
      // Before any acknowledgement the path knows of no lag: the first write goes out and waits.
      CompletableFuture<Projection.Applied> first = proposals.propose(namespace("r0"));
      assertFalse(first.isDone());
      assertEquals(20_001, proposals.lag());

      CompletableFuture<Projection.Applied> second = proposals.propose(namespace("r1"));
      ExecutionException e = assertThrows(ExecutionException.class, second::get);
      TooManyRequests refused = assertInstanceOf(TooManyRequests.class, e.getCause());
      assertEquals(Duration.ofSeconds(3), refused.retryAfter());
      assertTrue(refused.getMessage().contains("20001 records behind"), refused.getMessage());
      assertEquals(List.of("r0"), log.appended());
      assertEquals(1, p.waiting());
    }
  }

  private static Command namespace(String requestId) throws Exception {
    return new Command.Create(new Command.Meta("alice", requestId, 1_767_225_600_000L), Key.namespaceKey("default"),
        Json.object("{\"metadata\":{\"name\":\"default\"}}".getBytes()));
  }

  /**
   * A log in memory that acknowledges every append at the next offset from {@code first} (telling
   * its listener first, as Kafka's I/O thread does), or fails every append with {@code failure}.
   * Its readers never find a record: what the projection applies comes from the acknowledgements.
   */
  private static final class ScriptedLog implements EventLog {
    private final List<String> appended = new ArrayList<>();
    private final Throwable failure;
    private long next;
    private AppendListener listener;

    ScriptedLog(long first, Throwable failure) {
      this.next = first;
      this.failure = failure;
    }

    synchronized List<String> appended() {
      return List.copyOf(appended);
    }

    @Override
    public void onAppended(AppendListener listener) {
      this.listener = listener;
    }

    @Override
    public synchronized CompletableFuture<Long> append(Command record) {
      appended.add(record.meta().requestId());
      if (failure != null) {
        return CompletableFuture.failedFuture(failure);
      }
      long offset = next++;
      if (listener != null) {
        listener.appended(offset, record, true);
      }
      return CompletableFuture.completedFuture(offset);
    }

    @Override
    public synchronized CompletableFuture<Long> endOffset() {
      return CompletableFuture.completedFuture(next);
    }

    @Override
    public Reader reader(long fromOffset) {
      return new Reader() {
        @Override
        public List<LogEntry> poll(Duration timeout) {
          try {
            Thread.sleep(Math.min(timeout.toMillis(), 10));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return List.of();
        }

        @Override
        public void seek(long offset) {}

        @Override
        public void close() {}
      };
    }

    @Override
    public Publisher<LogEntry> follow(long fromOffset) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
