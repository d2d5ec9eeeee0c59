package io.logplane.projections;

import io.logplane.events.KafkaChangelog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each batch a store commits to the changelog, as a {@link ChangeSet}, so the store
 * can be rebuilt from it. A restarted projection applies again what its store had not flushed:
 * the batches the changelog holds already are not appended twice, and the projection cuts its
 * batch where the changelog ends so the next change set follows on.
 *
 * <p>Change sets are encoded and sent on a thread of their own, in commit order, every
 * {@value #DRAIN_MILLIS} ms (a write's answer never waits for them, and a burst of small
 * commits goes out in one produce request), and the changelog never holds writes up: when its queue is full
 * (the changelog is far behind) a change set is dropped, and when an append fails it is lost.
 * Either leaves a gap. After a gap, and when the store is ahead of the changelog at start (a data
 * directory from before the changelog, or a crash between a flushed commit and its append), the
 * changelog gets the store's whole contents at the next commit, in parts. A rebuild starts from
 * such contents as from the first offset, at most once every few minutes.
 *
 * <p>Several servers on one log each have a store of their own, cut into batches of their own:
 * only one of them writes the changelog at a time ({@link #lead}), so it holds each record's
 * change once. A server that starts writing begins with its store's contents, from which the
 * chain goes on.
 */
public final class ChangelogWriter implements ChangeListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChangelogWriter.class);
  /** Parts of a store's contents: well below the changelog's largest record. */
  private static final int SEED_PART_BYTES = 16 << 20;
  private static final long SEED_EVERY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);
  /** Change sets queued at most; beyond, the changelog is far behind and one is dropped. */
  private static final int MAX_QUEUED = 10_000;
  /** How often the sender drains the queue: the changelog trails the store by about this much. */
  private static final long DRAIN_MILLIS = 50;

  private final KafkaChangelog changelog;
  private final RocksStore store;
  private final long covered;
  /**
   * Change sets (and store contents) waiting for the sender thread, in commit order. The
   * projection only adds to it; the sender drains it every {@link #DRAIN_MILLIS} ms. Waking the
   * sender at every commit cost the projection thread an unpark per batch and the broker a
   * produce request per commit at one client.
   */
  private final java.util.concurrent.BlockingQueue<Runnable> queue = new java.util.concurrent.ArrayBlockingQueue<>(MAX_QUEUED);
  private final java.util.concurrent.ScheduledExecutorService sender =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "logplane-changelog-send");
        t.setDaemon(true);
        return t;
      });
  /** A change set was lost since the last contents were sent: the changelog needs them again. */
  private volatile boolean broken;
  private volatile long nextSeed = System.nanoTime();
  /** The last offset whose change set the changelog acknowledged (or held at start). */
  private volatile long sent;
  /** Whether this server writes the changelog: always alone on a log, when elected beside others. */
  private volatile boolean writing = true;

  private ChangelogWriter(KafkaChangelog changelog, RocksStore store, long covered, boolean broken) {
    this.changelog = changelog;
    this.store = store;
    this.covered = covered;
    this.broken = broken;
    this.sent = covered;
    sender.scheduleWithFixedDelay(this::drain, DRAIN_MILLIS, DRAIN_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /**
   * Makes the store's commits go to the changelog, from the first batch after those it holds.
   * Call before the projection starts.
   */
  public static ChangelogWriter attach(KafkaChangelog changelog, RocksStore store, Projection projection) {
    return attach(changelog, store, projection, true);
  }

  /**
   * {@link #attach(KafkaChangelog, RocksStore, Projection)} for a server that writes the
   * changelog only once elected ({@code writing} false) among others on its log.
   */
  public static ChangelogWriter attach(KafkaChangelog changelog, RocksStore store, Projection projection,
      boolean writing) {
    byte[] last = changelog.last();
    long covered = last == null ? -1 : ChangeSet.range(last).last();
    long applied = store.appliedOffset();
    ChangelogWriter writer = new ChangelogWriter(changelog, store, Math.max(covered, applied), false);
    writer.writing = writing;
    if (covered > applied) {
      projection.cutAt(covered);
    } else if (covered < applied && writing) {
      LOG.info("the changelog ends at {} and the store at {}: the changelog gets the store's contents", covered,
          applied);
      writer.seed();
    }
    store.onCommit(writer);
    return writer;
  }

  @Override
  public void committed(long first, long last, java.util.function.Supplier<byte[]> changeSet) {
    if (!writing || last <= covered) {
      return;
    }
    if (broken && System.nanoTime() - nextSeed >= 0 && seed()) {
      return; // the contents taken after this commit hold it
    }
    if (!queue.offer(() -> send(changeSet.get()))) {
      lost("the changelog is " + queue.size() + " batches behind", first, last);
    }
  }

  /** Queues the store's contents as they are now; false when the queue has no room. */
  private boolean seed() {
    if (!queue.offer(store.contentsAsChangeSets(SEED_PART_BYTES, this::send))) {
      return false;
    }
    broken = false;
    nextSeed = System.nanoTime() + SEED_EVERY_NANOS;
    return true;
  }

  /** On the sender thread: encodes and sends what is queued, in order. */
  private void drain() {
    for (Runnable next = queue.poll(); next != null; next = queue.poll()) {
      try {
        next.run();
      } catch (RuntimeException e) {
        LOG.warn("a change set could not be sent: {}", e.toString());
        broken = true;
      }
    }
  }

  /** On the sender thread. */
  private void send(byte[] changeSet) {
    changelog.append(changeSet).whenComplete((offset, error) -> {
      ChangeSet.Range r = ChangeSet.range(changeSet);
      if (error != null) {
        lost(error.toString(), r.first(), r.last());
      } else {
        sent = Math.max(sent, r.last());
      }
    });
  }

  private void lost(String why, long first, long last) {
    if (!broken) {
      LOG.warn("a change set of {}..{} did not reach the changelog ({}); it gets the store's contents later",
          first, last, why);
    }
    broken = true;
  }

  /**
   * Starts or stops this server's writing of the changelog, as it wins or loses the election
   * among the servers of one log. Once it starts, the store's contents go first, at the next
   * commit: the batches it committed meanwhile were not sent, and another server's were cut
   * elsewhere. Once it stops, what it had queued is dropped.
   */
  public void lead(boolean leading) {
    if (leading == writing) {
      return;
    }
    if (leading) {
      broken = true;
      nextSeed = System.nanoTime();
      writing = true;
      LOG.info("writing the changelog, from the store's contents at the next commit");
    } else {
      writing = false;
      queue.clear();
      LOG.info("no longer writing the changelog: another server does");
    }
  }

  /**
   * How many records the store applied whose change sets the changelog has not acknowledged
   * yet: those queued, in flight, or lost until the next contents are sent.
   */
  public long lagRecords() {
    return writing ? Math.max(0, store.appliedOffset() - sent) : 0;
  }

  /** Hands the queued change sets to the changelog's producer (which sends them when it is closed). */
  @Override
  public void close() {
    sender.execute(this::drain);
    sender.shutdown();
    try {
      if (!sender.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
        LOG.warn("change sets still queued for the changelog at shutdown; rebuilds decide those records again");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
