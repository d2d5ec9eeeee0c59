package io.logplane.launcher.replay;

import io.logplane.launcher.Cluster;
import io.logplane.projections.RocksStore;
import io.logplane.projections.rebuild.ChangelogRestore;
import io.logplane.projections.rebuild.KafkaRawSource;
import io.logplane.projections.rebuild.BatchApplier;
import io.logplane.projections.rebuild.RebuildException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code logplane replay}: rebuilds the state of the cluster at a resourceVersion or a time from
 * the log into a fresh store and, with {@code --serve}, serves it read-only to kubectl. Exit
 * code 0 on success, 2 for a target or directory it cannot use.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Rebuild the cluster's state at a past resourceVersion or time from the log, and serve it"
        + " read-only.")
public final class ReplayCommand implements Callable<Integer> {

  @Option(names = "--to", required = true, paramLabel = "RV|TIME",
      description = "A resourceVersion (log offset) or an RFC 3339 time: the last record at or before it.")
  String to;

  @Option(names = "--data-dir", description = "Data directory of the server (default: ${DEFAULT-VALUE}).",
      defaultValue = "${sys:user.home}/.logplane")
  Path dataDir;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to put the replay (default: DATA-DIR/replays/RV).")
  Path out;

  @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Read the log from this Kafka cluster instead of"
      + " the data directory's embedded broker.")
  String kafka;

  @Option(names = "--decide", description = "Decide every record of the log again instead of loading the"
      + " changelog's change sets first (slower; checks today's apply() against the log).")
  boolean decide;

  @Option(names = "--serve", description = "Then serve the replayed state read-only and write a kubeconfig for it.")
  boolean serve;

  @Option(names = "--api-port", defaultValue = "0", description = "HTTPS port with --serve (default: any free one).")
  int apiPort;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to serve on (default: ${DEFAULT-VALUE}).")
  String host;

  @Override
  public Integer call() throws Exception {
    PrintStream err = System.err;
    try {
      Result r = run(dataDir.toAbsolutePath(), Target.parse(to), out, kafka, decide, err, System.console() != null);
      System.out.printf("Replayed the log to resourceVersion %d into %s (%,d records from the changelog, %,d"
          + " decided)%n", r.target(), r.stateDir(), r.stats().restored(), r.stats().applied() - r.stats().restored());
      if (!serve) {
        r.store().close();
        return 0;
      }
      Path kubeconfig = r.stateDir().getParent().resolve("kubeconfig");
      ReplayServer server = ReplayServer.start(r.store(), dataDir.toAbsolutePath(), kubeconfig, host, apiPort);
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        r.store().close();
        stopped.countDown();
      }, "shutdown"));
      System.out.printf("Serving the cluster as it was at resourceVersion %d, read-only, at %s; kubeconfig written"
          + " to %s%n  e.g. kubectl --kubeconfig %s get all -A%n", r.target(), server.url(), kubeconfig, kubeconfig);
      System.out.flush();
      stopped.await();
      return 0;
    } catch (ReplayException | RebuildException e) {
      err.println("replay: " + e.getMessage());
      return 2;
    }
  }

  /** A finished rebuild: the target offset, the store (open, owned by the caller) and its directory. */
  public record Result(long target, Path stateDir, RocksStore store, Replay.Stats stats) {}

  /**
   * Resolves the target against the log and rebuilds the store (continuing a shorter replay in
   * the same place; a fresh one from the changelog as far as it goes unless {@code decide});
   * the broker it had to start is stopped again before it returns.
   */
  public static Result run(Path dataDir, Target target, Path out, String kafka, boolean decide, PrintStream err,
      boolean tty) {
    try (LogSource source = LogSource.open(dataDir, kafka)) {
      long rv;
      try (LogProbe probe = new LogProbe(source.bootstrap(), Cluster.TOPIC)) {
        rv = TargetResolver.resolve(target, probe.start(), probe.end(), probe::timeAt);
      }
      if (target instanceof Target.Time t) {
        err.printf("%s is resourceVersion %d%n", t.time(), rv);
      }
      Path stateDir = Replay.stateDir(dataDir, out, rv);
      RocksStore store = RocksStore.openForRebuild(stateDir);
      try {
        ChangelogRestore.Source changelog = decide ? null : ChangelogRestore.Source.of(source.bootstrap(), Cluster.CHANGES);
        Replay.Stats stats = Replay.rebuild(store, Replay.machine(), rv,
            from -> new KafkaRawSource(source.bootstrap(), Cluster.TOPIC, from), changelog,
            stateDir.resolveSibling("bulk"), err, tty);
        return new Result(rv, stateDir, store, stats);
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
    }
  }
}
