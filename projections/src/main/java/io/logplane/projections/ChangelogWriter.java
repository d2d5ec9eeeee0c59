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
 * <p>Change sets are encoded and sent on a thread of their own, in commit order, so a write's
 * answer never waits for them, and the changelog never holds writes up: when its queue is full
 * (the changelog is far behind) a change set is dropped, and when an append fails it is lost.
 * Either leaves a gap. After a gap, and when the store is ahead of the changelog at start (a data
 * directory from before the changelog, or a crash between a flushed commit and its append), the
 * changelog gets the store's whole contents at the next commit, in parts. A rebuild starts from
 * such contents as from the first offset, at most once every few minutes.
 */
public final class ChangelogWriter implements ChangeListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChangelogWriter.class);
  /** Parts of a store's contents: well below the changelog's largest record. */
  private static final int SEED_PART_BYTES = 16 << 20;
  private static final long SEED_EVERY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);

  private final KafkaChangelog changelog;
  private final RocksStore store;
  private final long covered;
  private final java.util.concurrent.ThreadPoolExecutor sender = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
      java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(10_000), r -> {
        Thread t = new Thread(r, "logplane-changelog-send");
        t.setDaemon(true);
        return t;
      }, new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());
  /** A change set was lost since the last contents were sent: the changelog needs them again. */
  private volatile boolean broken;
  private long nextSeed = System.nanoTime();

  private ChangelogWriter(KafkaChangelog changelog, RocksStore store, long covered, boolean broken) {
    this.changelog = changelog;
    this.store = store;
    this.covered = covered;
    this.broken = broken;
  }

  /**
   * Makes the store's commits go to the changelog, from the first batch after those it holds.
   * Call before the projection starts.
   */
  public static ChangelogWriter attach(KafkaChangelog changelog, RocksStore store, Projection projection) {
    byte[] last = changelog.last();
    long covered = last == null ? -1 : ChangeSet.range(last).last();
    long applied = store.appliedOffset();
    ChangelogWriter writer = new ChangelogWriter(changelog, store, Math.max(covered, applied), false);
    if (covered > applied) {
      projection.cutAt(covered);
    } else if (covered < applied) {
      LOG.info("the changelog ends at {} and the store at {}: the changelog gets the store's contents", covered,
          applied);
      writer.seed();
    }
    store.onCommit(writer);
    return writer;
  }

  @Override
  public void committed(long first, long last, java.util.function.Supplier<byte[]> changeSet) {
    if (last <= covered) {
      return;
    }
    if (broken && System.nanoTime() - nextSeed >= 0 && seed()) {
      return; // the contents taken after this commit hold it
    }
    try {
      sender.execute(() -> send(changeSet.get()));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      lost("the changelog is " + sender.getQueue().size() + " batches behind", first, last);
    }
  }

  /** Queues the store's contents as they are now; false when the queue has no room. */
  private boolean seed() {
    try {
      sender.execute(store.contentsAsChangeSets(SEED_PART_BYTES, this::send));
      broken = false;
      nextSeed = System.nanoTime() + SEED_EVERY_NANOS;
      return true;
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return false;
    }
  }

  /** On the sender thread. */
  private void send(byte[] changeSet) {
    changelog.append(changeSet).whenComplete((offset, error) -> {
      if (error != null) {
        ChangeSet.Range r = ChangeSet.range(changeSet);
        lost(error.toString(), r.first(), r.last());
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

  /** Hands the queued change sets to the changelog's producer (which sends them when it is closed). */
  @Override
  public void close() {
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
