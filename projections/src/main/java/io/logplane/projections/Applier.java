package io.logplane.projections;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logplane.events.LogEntry;
import io.logplane.projections.internal.Allocations;
import io.logplane.projections.internal.ObjectCache;
import io.logplane.projections.internal.Overlay;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies consecutive log entries to a store, one batch at a time: each record is decided by
 * apply() against the state before it (the store plus the batch so far), then the batch's
 * state, indexes, events, audit entries and applied offset are committed in one write. The
 * live projection and a replay share it, so both build byte-identical stores from one log,
 * whatever their batch sizes. Single-threaded, like the state it writes.
 */
public final class Applier {

  private static final Logger LOG = LoggerFactory.getLogger(Applier.class);

  private static final int PARALLEL_MIN = 512;
  /**
   * Objects a live applier keeps parsed: a create reads its namespace, an update or patch the
   * object it changes, each a RocksDB read and a parse without it, a good part of its apply.
   */
  private static final int LIVE_CACHED_OBJECTS = 10_000;

  private final Store store;
  private final StateMachine machine;
  private final ObjectCache cache;
  private final Executor encoders;
  private final int parallelism;
  private final boolean owned;
  /** Bulk only: commits one batch while the next is decided. */
  private final ExecutorService committer;
  private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
  private Overlay inFlightOverlay;

  /**
   * What a committed batch did.
   *
   * @param lastOffset the offset of its last entry, now the store's applied offset
   * @param events     the events to publish, in offset order
   * @param verdicts   one verdict per entry, in entry order
   */
  public record Batch(long lastOffset, List<Event> events, List<Projection.Applied> verdicts) {}

  /**
   * An applier that encodes on the calling thread and keeps the state of recently read or
   * written keys parsed across batches, so it must be the store's only writer.
   */
  public Applier(Store store, StateMachine machine) {
    this(store, machine, LIVE_CACHED_OBJECTS, null, 1, false);
  }

  /**
   * An applier for bulk rebuilds: it keeps the latest state of up to {@code cachedObjects} keys
   * parsed across batches (so it must be the store's only writer), encodes the JSON of a
   * large batch's changes on {@code encoders} in {@code parallelism} slices, and takes the
   * records it is given over: they must have been decoded for it, and their objects are
   * changed into the new states ({@link StateMachine#applyOwned}).
   */
  public Applier(Store store, StateMachine machine, int cachedObjects, Executor encoders, int parallelism) {
    this(store, machine, cachedObjects, encoders, parallelism, true);
  }

  private Applier(Store store, StateMachine machine, int cachedObjects, Executor encoders, int parallelism,
      boolean owned) {
    this.store = store;
    this.machine = machine;
    this.cache = cachedObjects > 0 ? new ObjectCache(cachedObjects) : null;
    this.encoders = encoders;
    this.parallelism = Math.max(1, parallelism);
    this.owned = owned;
    this.committer = owned ? Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "logplane-apply-commit");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** Decides and commits the entries, which must follow the store's applied offset in order. */
  public Batch apply(List<LogEntry> entries) {
    finish();
    Decided d = decide(entries, new Overlay(store, cache));
    Batch batch = commit(d);
    remember(d);
    return batch;
  }

  /**
   * A bulk applier's pipelined {@link #apply}: decides the entries now, against the state the
   * batches before them left, and commits them on another thread while the caller decides the
   * next ones ({@link #finish} waits for the last commit). The batch in flight is seen through
   * the parsed objects kept across batches and through its writes, which correct what the
   * store's indexes say (a namespace's content, an owner's dependents); a batch that touched
   * more keys than half the cache holds is committed before this returns, so none of its
   * objects can have been evicted while it is in flight.
   *
   * @throws IllegalStateException on a live applier
   * @throws RuntimeException      what the commit of an earlier batch threw
   */
  public void submit(List<LogEntry> entries) {
    if (committer == null) {
      throw new IllegalStateException("only a bulk applier pipelines its commits");
    }
    Decided d = decide(entries, new Overlay(store, cache, inFlightOverlay));
    d.overlay().decided();
    remember(d);
    finish();
    inFlight = CompletableFuture.runAsync(() -> commit(d), committer);
    inFlightOverlay = d.overlay();
    if (d.overlay().touched() > cache.capacity() / 2) {
      finish();
    }
  }

  /** Waits until every submitted batch is committed; throws what a commit threw. */
  public void finish() {
    try {
      inFlight.join();
      inFlightOverlay = null;
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Stops the commit thread of a bulk applier once its batches are committed. */
  public void close() {
    try {
      finish();
    } finally {
      if (committer != null) {
        committer.shutdown();
      }
    }
  }

  /** A decided batch, not yet encoded or committed. */
  private record Decided(List<LogEntry> entries, Overlay overlay, List<Change> changes, long[] offsets,
      List<ObjectNode> befores, int[] results, List<Outcome> outcomes, List<Audit> audits) {}

  private Decided decide(List<LogEntry> entries, Overlay overlay) {
    List<Change> changes = new ArrayList<>(entries.size());
    List<ObjectNode> befores = new ArrayList<>(entries.size());
    long[] offsets = new long[entries.size() * 2];
    int[] results = new int[entries.size()];
    List<Outcome> outcomes = new ArrayList<>(entries.size());
    List<Audit> audits = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      LogEntry entry = entries.get(i);
      Outcome outcome = decide(overlay, entry);
      results[i] = -1;
      if (outcome instanceof Outcome.Accepted a) {
        for (Change c : a.changes()) {
          // What a MODIFIED object was: selector watches send a change across their selector
          // as ADDED or DELETED.
          befores.add(c.type() == Change.Type.MODIFIED ? overlay.get(c.key()) : null);
          overlay.put(c.key(), c.type() == Change.Type.DELETED ? null : c.object(), null);
          if (changes.size() == offsets.length) {
            offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
          }
          offsets[changes.size()] = entry.offset();
          changes.add(c);
          if (c.object() == a.result()) {
            results[i] = changes.size() - 1;
          }
        }
      }
      outcomes.add(outcome);
      audits.add(Audit.of(entry.offset(), entry.command(), outcome));
    }
    return new Decided(entries, overlay, changes, offsets, befores, results, outcomes, audits);
  }

  private void remember(Decided d) {
    if (cache != null) {
      d.overlay().remember(cache);
    }
  }

  private Batch commit(Decided d) {
    // Encoded once every record of the batch is decided: nothing mutates a changed object after
    // apply() returned it, so the bytes are those an encoding right away would give.
    List<Change> changes = d.changes();
    byte[][] jsons = encode(changes);
    List<Event> events = new ArrayList<>(changes.size());
    for (int i = 0; i < changes.size(); i++) {
      Change c = changes.get(i);
      d.overlay().json(c.key(), c.type() == Change.Type.DELETED ? null : jsons[i]);
      if (!c.key().startsWith(Allocations.PREFIX)) {
        events.add(new Event(d.offsets()[i], c.type(), c.key(), c.object(), jsons[i], d.befores().get(i)));
      }
    }
    List<LogEntry> entries = d.entries();
    List<Projection.Applied> verdicts = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      verdicts.add(new Projection.Applied(entries.get(i).offset(), d.outcomes().get(i),
          d.results()[i] < 0 ? null : jsons[d.results()[i]]));
    }
    long last = entries.get(entries.size() - 1).offset();
    store.commit(last, d.overlay().writes(), events, d.audits());
    return new Batch(last, events, verdicts);
  }

  private byte[][] encode(List<Change> changes) {
    byte[][] out = new byte[changes.size()][];
    int n = changes.size();
    if (encoders == null || parallelism == 1 || n < PARALLEL_MIN) {
      encodeRange(changes, out, 0, n);
      return out;
    }
    List<CompletableFuture<Void>> parts = new ArrayList<>(parallelism - 1);
    for (int p = 1; p < parallelism; p++) {
      int from = n * p / parallelism;
      int to = n * (p + 1) / parallelism;
      parts.add(CompletableFuture.runAsync(() -> encodeRange(changes, out, from, to), encoders));
    }
    encodeRange(changes, out, 0, n / parallelism);
    parts.forEach(CompletableFuture::join);
    return out;
  }

  private static void encodeRange(List<Change> changes, byte[][] out, int from, int to) {
    for (int i = from; i < to; i++) {
      out[i] = Json.bytes(changes.get(i).object());
    }
  }

  /**
   * A record apply() cannot handle is a bug, but the same bug on every replica: reject it. The
   * verdict names the exception's class only: its message is the JDK's text (helpful
   * NullPointerException messages, a ClassCastException's module and loader), which differs
   * between JDKs and JVM flags, and a replay on another JDK must write the same bytes. The log
   * line has the rest.
   */
  private Outcome decide(Overlay overlay, LogEntry entry) {
    try {
      return owned ? machine.applyOwned(overlay, entry.offset(), entry.command())
          : machine.apply(overlay, entry.offset(), entry.command());
    } catch (RuntimeException e) {
      LOG.error("apply failed at offset {}: {}", entry.offset(), e.toString(), e);
      return new Outcome.Rejected(Reason.INVALID, "the record could not be applied: apply() threw "
          + e.getClass().getSimpleName() + " (the server log has the details)");
    }
  }
}
