package io.logplane.projections;

import io.logplane.events.KafkaChangelog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each batch a store commits to the changelog, as a {@link ChangeSet}, so the store
 * can be rebuilt from it. A restarted projection applies again what its store had not flushed:
 * the batches the changelog holds already are not appended twice, and the projection cuts its
 * batch where the changelog ends so the next change set follows on. Appends are not waited for;
 * one that fails leaves a gap, over which a rebuild decides the log's records again.
 */
public final class ChangelogWriter implements RocksStore.ChangeListener {

  private static final Logger LOG = LoggerFactory.getLogger(ChangelogWriter.class);

  private final KafkaChangelog changelog;
  private final long covered;
  private volatile boolean failed;

  private ChangelogWriter(KafkaChangelog changelog, long covered) {
    this.changelog = changelog;
    this.covered = covered;
  }

  /**
   * Makes the store's commits go to the changelog, from the first batch after those it holds.
   * Call before the projection starts.
   */
  public static void attach(KafkaChangelog changelog, RocksStore store, Projection projection) {
    byte[] last = changelog.last();
    long covered = last == null ? -1 : ChangeSet.range(last).last();
    long applied = store.appliedOffset();
    if (covered > applied) {
      projection.cutAt(covered);
    } else if (covered < applied) {
      LOG.warn("the changelog ends at {} and the store at {}: rebuilds decide the records in between again",
          covered, applied);
    }
    store.onCommit(new ChangelogWriter(changelog, covered));
  }

  @Override
  public void committed(long first, long last, byte[] changeSet) {
    if (last <= covered) {
      return;
    }
    changelog.append(changeSet).whenComplete((offset, error) -> {
      if (error != null && !failed) {
        failed = true;
        LOG.warn("appending to the changelog failed at {}..{} (rebuilds decide from there again): {}", first, last,
            error.toString());
      }
    });
  }
}
