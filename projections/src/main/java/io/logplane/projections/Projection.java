package io.logplane.projections;

import io.logplane.events.EventLog;
import io.logplane.events.LogEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The projection loop: reads the log from the store's applied offset on, applies each record,
 * commits the batch (state, indexes, events and applied offset in one RocksDB write), and only
 * THEN completes the waiting writes and read barriers and publishes to watchers.
 */
public final class Projection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Projection.class);

  private final EventLog log;
  private final Store store;
  private final Applier applier;
  private final WatchHub hub;
  private final Map<String, CompletableFuture<Applied>> waiters = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<Long, List<CompletableFuture<Long>>> barriers = new ConcurrentSkipListMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private Thread thread;

  /**
   * The verdict on a waited-for record, at its offset, with the encoded result when the record
   * changed it (so the response needs no second encoding).
   */
  public record Applied(long offset, Outcome outcome, byte[] resultJson) {}

  public Projection(EventLog log, Store store, StateMachine machine, int ringCapacity) {
    this.log = log;
    this.store = store;
    this.applier = new Applier(store, machine);
    this.hub = new WatchHub(store, ringCapacity);
  }

  public Projection start() {
    thread = new Thread(this::run, "projection");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  public Store store() {
    return store;
  }

  public WatchHub hub() {
    return hub;
  }

  public long appliedOffset() {
    return store.appliedOffset();
  }

  /** Registers interest in the record with this request id; call BEFORE appending it. */
  public CompletableFuture<Applied> await(String requestId) {
    CompletableFuture<Applied> f = new CompletableFuture<>();
    waiters.put(requestId, f);
    return f;
  }

  /** Drops a waiter whose append failed. */
  public void forget(String requestId) {
    waiters.remove(requestId);
  }

  /** Completes once the projection has applied the record at offset (at once if it has). */
  public CompletableFuture<Long> awaitApplied(long offset) {
    long applied = store.appliedOffset();
    if (applied >= offset) {
      return CompletableFuture.completedFuture(applied);
    }
    CompletableFuture<Long> f = new CompletableFuture<>();
    barriers.computeIfAbsent(offset, o -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(f);
    applied = store.appliedOffset();
    if (applied >= offset) {
      releaseBarriers(applied);
    }
    return f;
  }

  /**
   * Polls and applies until closed. A failure of the log (broker away, fetch error) is retried
   * from the last committed offset with a growing pause; a failure to commit to the store is
   * fatal (the state could no longer follow the log).
   */
  private void run() {
    long pause = 100;
    while (running) {
      try (EventLog.Reader reader = log.reader(store.appliedOffset() + 1)) {
        while (running) {
          List<LogEntry> entries = reader.poll(Duration.ofMillis(100));
          if (!entries.isEmpty()) {
            applyBatch(entries);
          }
          pause = 100;
        }
      } catch (IllegalStateException e) {
        LOG.error("projection stopped: {}", e.toString(), e);
        break;
      } catch (RuntimeException e) {
        if (!running) {
          break;
        }
        LOG.warn("reading the log failed, retrying from offset {} in {} ms: {}", store.appliedOffset() + 1, pause,
            e.toString());
        sleep(pause);
        pause = Math.min(pause * 2, 5_000);
      }
    }
    stopped.countDown();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void applyBatch(List<LogEntry> entries) {
    Applier.Batch batch = applier.apply(entries);
    hub.publish(batch.events(), batch.lastOffset());
    for (int i = 0; i < entries.size(); i++) {
      CompletableFuture<Applied> w = waiters.remove(entries.get(i).record().meta().requestId());
      if (w != null) {
        w.complete(batch.verdicts().get(i));
      }
    }
    releaseBarriers(batch.lastOffset());
  }

  private void releaseBarriers(long applied) {
    Map<Long, List<CompletableFuture<Long>>> done = barriers.headMap(applied, true);
    for (List<CompletableFuture<Long>> fs : done.values()) {
      fs.forEach(f -> f.complete(applied));
    }
    done.clear();
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
