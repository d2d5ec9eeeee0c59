package io.logplane.launcher.replay;

import io.logplane.api.resources.Registry;
import io.logplane.projections.Applier;
import io.logplane.projections.RocksStore;
import io.logplane.projections.StateMachine;
import io.logplane.projections.rebuild.BatchApplier;
import io.logplane.projections.rebuild.ChangelogRestore;
import io.logplane.projections.rebuild.DecodedBatches;
import io.logplane.projections.rebuild.RawSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.LongFunction;

/**
 * Rebuilds a projection of the log up to a target offset into a fresh store: from the changelog
 * as far as it reaches (the change sets the live projection committed, loaded without deciding
 * anything again), then the log's records from there on, decoded in parallel, applied in order by the same
 * {@link Applier} the live projection uses (so the store is byte-identical to a live one that
 * stopped there), written in bulk, flushed at the end. A store that holds a shorter replay is
 * continued; one that went past the target is refused.
 */
public final class Replay {

  /** Records per batch: large enough to amortize a commit, small enough to keep decoders busy. */
  static final int CHUNK = 4096;
  /** Objects kept parsed across batches: a cluster's working set. */
  static final int CACHED_OBJECTS = 100_000;

  private Replay() {}

  /**
   * What a rebuild did: records applied, seconds taken, events per second, CPU seconds of
   * apply(), and how many of the records came as change sets of the changelog (not decided again).
   */
  public record Stats(long applied, double seconds, double rate, double applyCpuSeconds, long restored) {}

  /** The state machine of a server, as replays apply it. */
  public static StateMachine machine() {
    return new StateMachine(Registry.builtinStatusResources());
  }

  /** The store of a replay of data directory {@code dataDir} to {@code target}, unless {@code out} is given. */
  public static Path stateDir(Path dataDir, Path out, long target) {
    Path base = out != null ? out : dataDir.resolve("replays").resolve(Long.toString(target));
    return base.resolve("state");
  }

  /** {@link #rebuild(RocksStore, StateMachine, long, LongFunction, ChangelogRestore.Source, Path, PrintStream, boolean)} deciding every record. */
  public static Stats rebuild(RocksStore store, StateMachine machine, long target, LongFunction<RawSource> openAt,
      PrintStream err, boolean tty) {
    return rebuild(store, machine, target, openAt, null, null, err, tty);
  }

  /**
   * Applies the log's records after the store's applied offset up to {@code target} included.
   * An empty store is first loaded from the changelog, when one is given, as far as its change
   * sets reach; the records after that are decided.
   *
   * @param openAt    opens a raw source of the log at an offset
   * @param changelog the changelog to restore from, or null to decide every record
   * @param work      an empty directory for the files of a restore
   * @throws ReplayException when the store is already past the target
   */
  static Stats rebuild(RocksStore store, StateMachine machine, long target, LongFunction<RawSource> openAt,
      ChangelogRestore.Source changelog, Path work, PrintStream err, boolean tty) {
    long from = store.appliedOffset() + 1;
    if (from > target + 1) {
      throw new ReplayException("the store already holds the state at resourceVersion " + store.appliedOffset()
          + ", past " + target + "; replay into another --out");
    }
    Progress progress = new Progress(err, tty, target - from + 1, System::nanoTime);
    long restored = 0;
    if (changelog != null) {
      long reached = ChangelogRestore.run(store, changelog, target, work, offset -> progress.update(offset - from + 1),
          err);
      restored = reached - from + 1;
    }
    long decideFrom = store.appliedOffset() + 1;
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    ExecutorService decoders = Executors.newFixedThreadPool(threads, daemon());
    Applier applier = new Applier(store, machine, CACHED_OBJECTS, decoders, threads);
    try {
      long done = restored;
      BatchApplier rebuild = new BatchApplier(applier, applied -> progress.update(done + applied));
      new DecodedBatches(() -> openAt.apply(decideFrom), decideFrom, target, decoders, CHUNK, threads + 1)
          .subscribe(rebuild);
      long applied = rebuild.done().get() + restored;
      store.flush();
      double rate = progress.finish(applied);
      return new Stats(applied, applied / Math.max(rate, 1e-9), rate, rebuild.applyCpuNanos() / 1e9, restored);
    } catch (ExecutionException e) {
      throw new ReplayException("replay failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayException("replay interrupted", e);
    } finally {
      try {
        applier.close();
      } catch (RuntimeException e) {
        // the rebuild failed already, and says why
      }
      decoders.shutdownNow();
    }
  }

  private static ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "logplane-replay-decode");
      t.setDaemon(true);
      return t;
    };
  }
}
