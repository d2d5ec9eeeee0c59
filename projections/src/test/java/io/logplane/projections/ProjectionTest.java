package io.logplane.projections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.EventLog;
import io.logplane.events.LogEntry;
import io.logplane.events.Command;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;

/**
 * The projection loop over a real RocksDB, fed by a log kept in memory (the loop's own logic is
 * under test, not Kafka's): verdicts reach their waiters, waiters whose record never comes
 * expire, and the objects it keeps parsed between batches never hide a later write.
 */
class ProjectionTest {

  @TempDir
  Path dir;

  @Test
  void aWaiterWhoseRecordNeverComesFailsWithATimeout() throws Exception {
    try (RocksStore store = RocksStore.open(dir.resolve("a")); MemoryLog log = new MemoryLog();
        Projection p = new Projection(log, store, new StateMachine(Set.of()), 100).start()) {
      CompletableFuture<Projection.Applied> never = p.await("never-appended", Duration.ofMillis(100));
      ExecutionException e = assertThrows(ExecutionException.class, () -> never.get(10, TimeUnit.SECONDS));
      assertInstanceOf(TimeoutException.class, e.getCause());
      // the loop goes on serving the others
      CompletableFuture<Projection.Applied> ns = p.await("ns");
      log.append(new Command.Create(meta("ns", 1), Key.namespaceKey("default"), obj("{\"metadata\":{\"name\":\"default\"}}")));
      assertInstanceOf(Outcome.Accepted.class, ns.get(10, TimeUnit.SECONDS).outcome());
    }
  }

  @Test
  void writesInLaterBatchesSeeTheLatestStateAndMatchAFreshApplier() throws Exception {
    List<Command> records = new ArrayList<>();
    records.add(new Command.Create(meta("r0", 0), Key.namespaceKey("default"), obj("{\"metadata\":{\"name\":\"default\"}}")));
    records.add(new Command.Create(meta("r1", 1), "core/configmaps/default/c",
        obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"namespace\":\"default\"},"
            + "\"data\":{\"k\":\"1\"}}")));
    // offset 1 made it; an update expecting 1 is accepted, the next one expecting 1 again conflicts
    records.add(new Command.Update(meta("r2", 2), "core/configmaps/default/c", 1, "",
        obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"namespace\":\"default\"},"
            + "\"data\":{\"k\":\"2\"}}")));
    records.add(new Command.Update(meta("r3", 3), "core/configmaps/default/c", 1, "",
        obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"namespace\":\"default\"},"
            + "\"data\":{\"k\":\"3\"}}")));
    records.add(new Command.Delete(meta("r4", 4), "core/configmaps/default/c", 2, null, null));
    records.add(new Command.Create(meta("r5", 5), "core/configmaps/default/c",
        obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"namespace\":\"default\"},"
            + "\"data\":{\"k\":\"5\"}}")));
    byte[] live;
    List<Outcome> verdicts = new ArrayList<>();
    try (RocksStore store = RocksStore.open(dir.resolve("live")); MemoryLog log = new MemoryLog();
        Projection p = new Projection(log, store, new StateMachine(Set.of()), 100).start()) {
      for (Command r : records) {
        // one record per batch: each reads what the one before left, through the cache
        CompletableFuture<Projection.Applied> f = p.await(r.meta().requestId());
        log.append(r);
        verdicts.add(f.get(10, TimeUnit.SECONDS).outcome());
      }
      live = store.hash();
      assertEquals("5", Json.object(store.get("core/configmaps/default/c")).path("data").path("k").asText());
    }
    assertInstanceOf(Outcome.Accepted.class, verdicts.get(2));
    Outcome stale = verdicts.get(3);
    assertTrue(stale instanceof Outcome.Rejected r && r.reason() == Reason.CONFLICT, stale.toString());
    assertInstanceOf(Outcome.Accepted.class, verdicts.get(4));
    assertInstanceOf(Outcome.Accepted.class, verdicts.get(5));
    assertArrayEquals(freshHash(records), live);
  }

  @Test
  void aLoneAcknowledgedWriteIsAppliedAtOnceAndARunByTheProjectionThread() throws Exception {
    List<Command> records = new ArrayList<>();
    records.add(new Command.Create(meta("r0", 0), Key.namespaceKey("default"), obj("{\"metadata\":{\"name\":\"default\"}}")));
    for (int i = 1; i <= 6; i++) {
      records.add(new Command.Create(meta("r" + i, i), "core/configmaps/default/c" + i,
          obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c" + i
              + "\",\"namespace\":\"default\"}}")));
    }
    byte[] live;
    try (RocksStore store = RocksStore.open(dir.resolve("live")); MemoryLog log = new MemoryLog(true);
        Projection p = new Projection(log, store, new StateMachine(Set.of()), 100).start()) {
      List<CompletableFuture<Projection.Applied>> verdicts = new ArrayList<>();
      for (Command r : records) {
        verdicts.add(p.await(r.meta().requestId()));
      }
      // Lone writes: decided on the acknowledging thread, before the append returns.
      for (int i = 0; i < 3; i++) {
        log.append(records.get(i));
        assertTrue(verdicts.get(i).isDone(), "write " + i + " waited for the projection thread");
      }
      // A run: only its last acknowledgement is the last one on its way; the projection
      // thread applies the run in order.
      log.appendRun(records.subList(3, records.size()));
      for (CompletableFuture<Projection.Applied> v : verdicts) {
        assertInstanceOf(Outcome.Accepted.class, v.get(10, TimeUnit.SECONDS).outcome());
      }
      assertEquals(records.size() - 1, store.appliedOffset());
      live = store.hash();
    }
    assertArrayEquals(freshHash(records), live);
  }

  @Test
  void everyReadBarrierIsReleasedWhileWritesAreApplied() throws Exception {
    try (RocksStore store = RocksStore.open(dir.resolve("barriers")); MemoryLog log = new MemoryLog(true);
        Projection p = new Projection(log, store, new StateMachine(Set.of()), 100).start()) {
      log.append(new Command.Create(meta("ns", 0), Key.namespaceKey("default"),
          obj("{\"metadata\":{\"name\":\"default\"}}"))).get(10, TimeUnit.SECONDS);
      int writes = 3_000;
      java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
      List<CompletableFuture<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        // as a linearizable read does: wait for what the log holds now to be applied
        readers.add(CompletableFuture.supplyAsync(() -> {
          int waited = 0;
          while (writing.get()) {
            try {
              p.awaitApplied(log.endOffset().join() - 1).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new AssertionError("a read barrier was never released", e);
            }
            waited++;
          }
          return waited;
        }));
      }
      for (int i = 1; i <= writes; i++) {
        log.append(new Command.Create(meta("w" + i, i), "core/configmaps/default/c" + i,
            obj("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c" + i
                + "\",\"namespace\":\"default\"}}")));
      }
      writing.set(false);
      for (CompletableFuture<Integer> r : readers) {
        assertTrue(r.get(30, TimeUnit.SECONDS) > 0);
      }
      assertEquals(writes, store.appliedOffset());
    }
  }

  /** The hash of a fresh store that one Applier built from the records at offsets 0, 1, ... */
  private byte[] freshHash(List<Command> records) throws Exception {
    try (RocksStore store = RocksStore.open(dir.resolve("fresh"))) {
      List<LogEntry> all = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        all.add(new LogEntry(i, records.get(i)));
      }
      new Applier(store, new StateMachine(Set.of())).apply(all);
      return store.hash();
    }
  }

  private static Command.Meta meta(String requestId, long second) {
    return new Command.Meta("alice", requestId, 1_767_225_600_000L + second * 1000, null);
  }

  private static ObjectNode obj(String json) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(json);
  }

  /**
   * A log in memory: appends get the next offset; readers see them in order. A reporting log
   * also tells its listener of each append, on the appending thread, as Kafka's I/O thread does.
   */
  private static final class MemoryLog implements EventLog {
    private final List<Command> records = new ArrayList<>();
    private final boolean reporting;
    private AppendListener listener;

    MemoryLog() {
      this(false);
    }

    MemoryLog(boolean reporting) {
      this.reporting = reporting;
    }

    @Override
    public void onAppended(AppendListener listener) {
      if (!reporting) {
        throw new UnsupportedOperationException();
      }
      this.listener = listener;
    }

    @Override
    public CompletableFuture<Long> append(Command record) {
      return appendRun(List.of(record)).get(0);
    }

    /** Appends records at once, then acknowledges them in order: only the last is the last one. */
    List<CompletableFuture<Long>> appendRun(List<Command> run) {
      long first;
      synchronized (this) {
        first = records.size();
        records.addAll(run);
        notifyAll();
      }
      List<CompletableFuture<Long>> acks = new ArrayList<>();
      for (int i = 0; i < run.size(); i++) {
        if (listener != null) {
          listener.appended(first + i, run.get(i), i == run.size() - 1);
        }
        acks.add(CompletableFuture.completedFuture(first + i));
      }
      return acks;
    }

    @Override
    public synchronized CompletableFuture<Long> endOffset() {
      return CompletableFuture.completedFuture((long) records.size());
    }

    @Override
    public Reader reader(long fromOffset) {
      return new Reader() {
        long next = fromOffset;

        @Override
        public List<LogEntry> poll(Duration timeout) {
          synchronized (MemoryLog.this) {
            if (reporting) {
              // A follower whose fetch has not come back: what the log reports arrives first.
              waitQuietly(timeout);
              return List.of();
            }
            if (next >= records.size()) {
              try {
                MemoryLog.this.wait(timeout.toMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            List<LogEntry> out = new ArrayList<>();
            for (; next < records.size(); next++) {
              out.add(new LogEntry(next, records.get((int) next)));
            }
            return out;
          }
        }

        @Override
        public void seek(long offset) {
          next = offset;
        }

        @Override
        public void close() {}
      };
    }

    /** Waits on the log's monitor (appends wake it), holding it. */
    private void waitQuietly(Duration d) {
      try {
        wait(d.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public Publisher<LogEntry> follow(long fromOffset) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
