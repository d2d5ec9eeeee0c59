package io.logplane.projections.rebuild;

import io.logplane.events.KafkaChangelog;
import io.logplane.projections.BulkLoad;
import io.logplane.projections.ChangeSet;
import io.logplane.projections.RocksStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Rebuilds an empty store from the changelog instead of deciding the log's records again: the
 * change sets the live projection appended, from the first on, as long as each follows on from
 * the one before and ends at or before the target. A change set already covered is skipped, and
 * so is one that a restart left overlapping. A store's whole contents, which a writer sends in
 * parts when it starts on a store ahead of the changelog or after a gap, start the chain afresh
 * once all their parts are there. A reader thread fetches the change sets while this one loads
 * them ({@link BulkLoad}); the files are ingested at the end. Where the chain stops, the caller
 * decides the rest of the log's records from the offset the store is at: that is at a gap with no
 * contents after it, at the end of the changelog, or at a batch that goes past the target.
 */
public final class ChangelogRestore {

  /** Where a changelog is read from: a source at its first record, and its end offset then. */
  public record Source(Supplier<RawSource> open, long end) {
    /** The cluster's changelog topic on these brokers, as it ends now. */
    public static Source of(String bootstrap, String topic) {
      return new Source(() -> new KafkaRawSource(bootstrap, topic, 0), KafkaChangelog.endOffset(bootstrap, topic));
    }
  }

  private static final List<RawSource.Raw> END = List.of();

  private ChangelogRestore() {}

  /**
   * Loads the store from the change sets up to {@code target}.
   *
   * @param work     an empty directory for the files before they are ingested
   * @param progress hears the offset reached so far
   * @param err      where to say what came from the changelog
   * @return the store's applied offset afterwards (-1 when no change set could be used)
   */
  public static long run(RocksStore store, Source source, long target, Path work, LongConsumer progress,
      java.io.PrintStream err) {
    if (source.end() <= 0 || !store.isEmpty()) {
      return store.appliedOffset();
    }
    BlockingQueue<List<RawSource.Raw>> queue = new ArrayBlockingQueue<>(8);
    Reader reader = new Reader(source, queue);
    Thread t = new Thread(reader, "logplane-changelog-read");
    t.setDaemon(true);
    t.start();
    try (BulkLoad load = new BulkLoad(work)) {
      boolean more = true;
      boolean gap = false;
      long t0 = System.nanoTime();
      while (more) {
        List<RawSource.Raw> batch = queue.take();
        if (batch == END) {
          break;
        }
        for (RawSource.Raw raw : batch) {
          ChangeSet.Range r;
          try {
            r = ChangeSet.range(raw.value());
          } catch (IllegalArgumentException e) {
            err.println("changelog: record " + raw.offset() + " is not a change set this version reads (" + e.getMessage()
                + "); deciding the records after it");
            more = false;
            break;
          }
          if (r.first() > target) {
            more = false; // what comes later is all past the target, contents sent after a gap too
            break;
          }
          boolean fresh = load.startsAfresh(r) && r.last() <= target;
          if (fresh || load.follows(r)) {
            if (r.last() > target) {
              more = false;
              break;
            }
            if (fresh) {
              load.restart(); // the store's contents after a gap: the chain starts again there
            }
            try {
              load.add(raw.value());
            } catch (IllegalArgumentException e) {
              // what it added before the bad part cannot be taken back: nothing from the changelog
              err.println("changelog: record " + raw.offset() + " cannot be read (" + e.getMessage()
                  + "); deciding every record");
              return store.appliedOffset();
            }
            if (!load.inParts()) {
              progress.accept(load.applied());
            }
          } else if (r.first() > load.applied() + 1 && !load.inParts()) {
            gap = true; // nothing follows on from here but contents the writer sends after a gap
          }
          // else covered already, an overlap a restarted projection left, or past a gap
        }
      }
      reader.stop();
      if (reader.failure != null) {
        throw new RebuildException("reading the changelog failed: " + reader.failure.getMessage(), reader.failure);
      }
      long t1 = System.nanoTime();
      if (load.inParts()) {
        err.println("changelog: the store contents it starts with are not all there; deciding every record");
        return store.appliedOffset();
      }
      if (load.applied() >= 0) {
        load.finish(store);
      }
      err.printf(java.util.Locale.ROOT, "changelog: %,d records from %,d change sets read in %.2f s, their files"
          + " written and ingested in %.2f s%s%n", load.applied() + 1, load.loaded(), (t1 - t0) / 1e9,
          (System.nanoTime() - t1) / 1e9, gap ? "; it has a gap after them" : "");
      return store.appliedOffset();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RebuildException("restore interrupted", e);
    } finally {
      reader.stop();
      deleteQuietly(work);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var all = java.nio.file.Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      // left for the next replay into this directory to overwrite
    }
  }

  /** Fetches the changelog into the queue up to its end offset, then puts END. */
  private static final class Reader implements Runnable {
    private final Source source;
    private final BlockingQueue<List<RawSource.Raw>> queue;
    private volatile boolean stopped;
    private volatile Throwable failure;

    Reader(Source source, BlockingQueue<List<RawSource.Raw>> queue) {
      this.source = source;
      this.queue = queue;
    }

    void stop() {
      stopped = true;
      queue.clear();
    }

    @Override
    public void run() {
      try (RawSource s = source.open().get()) {
        long next = 0;
        while (!stopped && next < source.end()) {
          List<RawSource.Raw> batch = s.poll();
          if (!batch.isEmpty()) {
            next = batch.get(batch.size() - 1).offset() + 1;
            while (!stopped && !queue.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
              // the loader is behind
            }
          }
        }
      } catch (Throwable t) {
        failure = t;
      } finally {
        try {
          while (!stopped && !queue.offer(END, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            // the loader is behind
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
