package io.logplane.projections;

import io.logplane.events.KafkaChangelog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each batch a store commits to the changelog, as a {@link ChangeSet}, so the store
 * can be rebuilt from it. A restarted projection applies again what its store had not flushed:
 * the batches the changelog holds already are not appended twice, and the projection cuts its
 * batch where the changelog ends so the next change set follows on. Change sets are encoded and
 * sent on a thread of their own, in commit order, so a write's answer never waits for them (the
 * projection waits only when thousands of batches are queued); one that fails to append leaves a
 * gap, over which a rebuild decides the log's records again.
 */
public final class ChangelogWriter implements RocksStore.ChangeListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChangelogWriter.class);
  /** Parts of a store's contents: well below the changelog's largest record. */
  private static final int SEED_PART_BYTES = 16 << 20;

  private final KafkaChangelog changelog;
  private final long covered;
  private final java.util.concurrent.ExecutorService sender = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
      java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(10_000), r -> {
        Thread t = new Thread(r, "logplane-changelog-send");
        t.setDaemon(true);
        return t;
      }, (task, pool) -> {
        try {
          pool.getQueue().put(task); // the projection waits rather than the queue growing without bound
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
  private volatile boolean failed;

  private ChangelogWriter(KafkaChangelog changelog, long covered) {
    this.changelog = changelog;
    this.covered = covered;
  }

  /**
   * Makes the store's commits go to the changelog, from the first batch after those it holds.
   * Call before the projection starts.
   */
  public static ChangelogWriter attach(KafkaChangelog changelog, RocksStore store, Projection projection) {
    byte[] last = changelog.last();
    long covered = last == null ? -1 : ChangeSet.range(last).last();
    long applied = store.appliedOffset();
    ChangelogWriter writer = new ChangelogWriter(changelog, last == null ? applied : covered);
    if (covered > applied) {
      projection.cutAt(covered);
    } else if (last == null && applied >= 0) {
      // A store older than its changelog (a data directory from before there was one): the
      // changelog starts with the store's contents, so it can rebuild from the first offset.
      LOG.info("starting the changelog with the store's contents at {}", applied);
      writer.sender.execute(store.contentsAsChangeSets(SEED_PART_BYTES, writer::send));
    } else if (covered < applied) {
      LOG.warn("the changelog ends at {} and the store at {}: rebuilds decide the records in between again",
          covered, applied);
    }
    store.onCommit(writer);
    return writer;
  }

  @Override
  public void committed(long first, long last, java.util.function.Supplier<byte[]> changeSet) {
    if (last <= covered) {
      return;
    }
    sender.execute(() -> send(changeSet.get()));
  }

  /** On the sender thread. */
  private void send(byte[] changeSet) {
    changelog.append(changeSet).whenComplete((offset, error) -> {
      if (error != null && !failed) {
        failed = true;
        ChangeSet.Range r = ChangeSet.range(changeSet);
        LOG.warn("appending to the changelog failed at {}..{} (rebuilds decide from there again): {}", r.first(),
            r.last(), error.toString());
      }
    });
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
