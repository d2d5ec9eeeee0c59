package io.logplane.projections;

import io.logplane.events.EventLog;
import io.logplane.events.LogEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 *
 * <p>Records come from two feeds merged in offset order: a fetcher thread reading the log, and
 * the log's acknowledgements of this process's own appends (the same records, decoded from the
 * same bytes, known a fetch round trip earlier). A record is applied once, when every offset
 * before it has been; what the other feed brings later is dropped. So a local write answers
 * without waiting to read itself back, and the order — hence the state — is the log's.
 *
 * <p>When the acknowledgement of a local write is the only one on its way and the projection is
 * idle, the write is applied right on the log's I/O thread (under the lock the projection thread
 * applies under): a lone write, the common case of one client, saves a thread hand-off. Under
 * concurrent writes acknowledgements come in runs, and the projection thread applies each run as
 * one batch.
 */
public final class Projection implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Projection.class);
  private static final int MAX_INBOX = 50_000;
  private static final int MAX_BATCH = 5_000;

  private final EventLog log;
  private final Store store;
  private final Applier applier;
  private final WatchHub hub;
  private static final long SWEEP_NANOS = 1_000_000_000L;
  /** How long a write waits for its verdict unless it says otherwise. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

  private final Map<String, Waiter> waiters = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<Long, List<CompletableFuture<Long>>> barriers = new ConcurrentSkipListMap<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CompletableFuture<RuntimeException> failure = new CompletableFuture<>();
  private final BlockingQueue<LogEntry> inbox = new LinkedBlockingQueue<>();
  /** Entries that came ahead of their turn; guarded by {@link #applying}. */
  private final TreeMap<Long, LogEntry> pending = new TreeMap<>();
  /** The first offset in {@link #pending}, or {@code Long.MAX_VALUE}: read without the lock. */
  private volatile long pendingFirst = Long.MAX_VALUE;
  /** Held while deciding and committing: by the projection thread, or by an inline apply. */
  private final java.util.concurrent.locks.ReentrantLock applying = new java.util.concurrent.locks.ReentrantLock();
  /** Offsets the acknowledgement feed brought and the store has not passed yet. */
  private final java.util.concurrent.ConcurrentSkipListSet<Long> acked = new java.util.concurrent.ConcurrentSkipListSet<>();
  private volatile boolean running = true;
  private volatile long cut = -1;
  private Thread thread;
  private Thread fetcher;

  /**
   * The verdict on a waited-for record, at its offset, with the encoded result when the record
   * changed it (so the response needs no second encoding).
   */
  public record Applied(long offset, Outcome outcome, byte[] resultJson) {}

  private record Waiter(CompletableFuture<Applied> future, long deadline) {}

  public Projection(EventLog log, Store store, StateMachine machine, int ringCapacity) {
    this.log = log;
    this.store = store;
    this.applier = new Applier(store, machine);
    this.hub = new WatchHub(store, ringCapacity);
  }

  public Projection start() {
    try {
      log.onAppended((offset, record, last) -> {
        LogEntry entry = new LogEntry(offset, record);
        if (!(last && applyInline(entry))) {
          acked.add(offset);
          inbox.add(entry);
        }
      });
    } catch (UnsupportedOperationException e) {
      // a log that does not report appends: the fetcher alone feeds the projection
    }
    fetcher = new Thread(this::fetch, "projection-fetch");
    fetcher.setDaemon(true);
    fetcher.start();
    thread = new Thread(this::run, "projection");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /**
   * Ends a batch at offset (once): a batch of a restarted projection then stops where the
   * changelog it continues stops, so the change sets it appends next follow on from there.
   */
  public Projection cutAt(long offset) {
    this.cut = offset;
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

  /**
   * The request time (epoch milliseconds) of the oldest record that reached the projection and
   * waits to be applied, or -1 when none waits: how far behind the projection is in time.
   */
  public long oldestWaitingRecordMillis() {
    LogEntry next = inbox.peek();
    return next == null ? -1 : next.command().meta().timeMillis();
  }

  /** {@link #await(String, Duration)} for {@link #DEFAULT_WAIT}. */
  public CompletableFuture<Applied> await(String requestId) {
    return await(requestId, DEFAULT_WAIT);
  }

  /**
   * Registers interest in the record with this request id; call BEFORE appending it. The future
   * fails with a {@link TimeoutException} when the record is not applied within the timeout
   * (checked about once a second by the projection thread, not by a timer per write).
   */
  public CompletableFuture<Applied> await(String requestId, Duration timeout) {
    CompletableFuture<Applied> f = new CompletableFuture<>();
    waiters.put(requestId, new Waiter(f, System.nanoTime() + timeout.toNanos()));
    if (failure.isDone()) {
      f.completeExceptionally(failure.join());
    }
    return f;
  }

  /** Drops a waiter whose append failed. */
  public void forget(String requestId) {
    waiters.remove(requestId);
  }

  /** How many registered writes wait for their verdict. */
  public int waiting() {
    return waiters.size();
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
      // Completed here, not only by the release: a release that went over this offset's list
      // before f joined it, then dropped the list, would leave f waiting for nothing. (A read
      // waited out its client's 30 s so, once in 2,000, on a fresh server.)
      f.complete(applied);
      releaseBarriers(applied);
    }
    if (failure.isDone()) {
      f.completeExceptionally(failure.join());
    }
    return f;
  }

  /**
   * Reads the log into the inbox until closed, skipping what is already applied. A failure of
   * the log (broker away, fetch error) is retried from the applied offset with a growing pause.
   * Keeps at most {@link #MAX_INBOX} records ahead of the projection.
   */
  private void fetch() {
    long pause = 100;
    while (running) {
      try (EventLog.Reader reader = log.reader(store.appliedOffset() + 1)) {
        while (running) {
          while (inbox.size() > MAX_INBOX && running) {
            sleep(5);
          }
          // What the acknowledgements brought (or the store has) is not decoded a second time.
          inbox.addAll(reader.poll(Duration.ofMillis(500), o -> o <= store.appliedOffset() || acked.contains(o)));
          pause = 100;
        }
      } catch (io.logplane.events.UnknownFormatException e) {
        LOG.error("projection stopped at offset {}: {}", store.appliedOffset() + 1, e.getMessage());
        fail(e);
        stopped.countDown();
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
  }

  /**
   * Applies a lone acknowledged write on the caller's thread when it is next and the projection
   * has nothing else in hand; false when the projection thread must take it.
   */
  private boolean applyInline(LogEntry entry) {
    if (!running || !applying.tryLock()) {
      return false;
    }
    try {
      if (!running || !pending.isEmpty() || entry.offset() != store.appliedOffset() + 1) {
        return false;
      }
      applyBatch(List.of(entry));
      return true;
    } catch (RuntimeException e) {
      LOG.error("projection stopped: {}", e.toString(), e);
      fail(e);
      stopped.countDown();
      return true;
    } finally {
      applying.unlock();
    }
  }

  /**
   * Applies the merged feeds in offset order until closed. A failure to apply or commit is
   * fatal: the state could no longer follow the log.
   */
  private void run() {
    List<LogEntry> arrived = new ArrayList<>();
    long sweep = System.nanoTime() + SWEEP_NANOS;
    try {
      while (running) {
        if (System.nanoTime() - sweep > 0) {
          expireWaiters(System.nanoTime());
          sweep = System.nanoTime() + SWEEP_NANOS;
        }
        boolean ready = pendingFirst <= store.appliedOffset() + 1;
        LogEntry first = ready ? inbox.poll() : inbox.poll(100, TimeUnit.MILLISECONDS);
        arrived.clear();
        if (first != null) {
          arrived.add(first);
          inbox.drainTo(arrived, MAX_BATCH);
        } else if (!ready) {
          continue;
        }
        applying.lock();
        try {
          applyArrived(arrived);
        } finally {
          applying.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("projection stopped: {}", e.toString(), e);
      fail(e);
    } finally {
      running = false;
      stopped.countDown();
    }
  }

  /**
   * Stops applying for good on {@code cause}: whoever waits for a write or an offset is told at
   * once, and {@link #failure} completes with it (a server exits on it).
   */
  private void fail(RuntimeException cause) {
    running = false;
    failure.complete(cause);
    waiters.values().forEach(w -> w.future().completeExceptionally(cause));
    waiters.clear();
    barriers.values().forEach(fs -> fs.forEach(f -> f.completeExceptionally(cause)));
    barriers.clear();
  }

  /**
   * Completes with what stopped the projection for good (an unknown record format, a failed
   * apply); never on a close.
   */
  public CompletableFuture<RuntimeException> failure() {
    return failure;
  }

  /** Under {@link #applying}: files what arrived and applies the run that is next, if any. */
  private void applyArrived(List<LogEntry> arrived) {
    long next = store.appliedOffset() + 1;
    for (LogEntry e : arrived) {
      if (e.offset() >= next) {
        pending.putIfAbsent(e.offset(), e);
      }
    }
    List<LogEntry> run = new ArrayList<>();
    while (!pending.isEmpty() && pending.firstKey() <= next && run.size() < MAX_BATCH) {
      LogEntry e = pending.pollFirstEntry().getValue();
      if (e.offset() == next) {
        run.add(e);
        next++;
        if (e.offset() == cut) {
          break;
        }
      }
    }
    pendingFirst = pending.isEmpty() ? Long.MAX_VALUE : pending.firstKey();
    if (!run.isEmpty()) {
      applyBatch(run);
    }
  }

  private void expireWaiters(long now) {
    waiters.entrySet().removeIf(e -> {
      if (now - e.getValue().deadline() < 0) {
        return false;
      }
      e.getValue().future().completeExceptionally(new TimeoutException("record " + e.getKey() + " not applied in time"));
      return true;
    });
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
      String requestId = entries.get(i).command().meta().requestId(); // null in a record no request made
      Waiter w = requestId == null ? null : waiters.remove(requestId);
      if (w != null) {
        w.future().complete(batch.verdicts().get(i));
      }
    }
    releaseBarriers(batch.lastOffset());
    if (!acked.isEmpty()) {
      acked.headSet(batch.lastOffset(), true).clear();
    }
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
    if (fetcher != null) {
      try {
        fetcher.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (thread != null) {
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
