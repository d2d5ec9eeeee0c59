package io.logplane.launcher.replay;

import io.logplane.broker.EmbeddedKafka;
import io.logplane.events.KafkaChangelog;
import io.logplane.events.KafkaEventLog;
import io.logplane.launcher.Cluster;
import io.logplane.launcher.DataDirLock;
import io.logplane.projections.Applier;
import io.logplane.projections.Projection;
import io.logplane.projections.RocksStore;
import io.logplane.projections.rebuild.BatchApplier;
import io.logplane.projections.rebuild.ChangelogRestore;
import io.logplane.projections.rebuild.DecodedBatches;
import io.logplane.projections.rebuild.KafkaRawSource;
import io.logplane.projections.rebuild.RawSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code logplane bench-history}: fills a log with a synthetic history (or reuses the one the
 * directory holds), then prints the replay rate, the time of exact past lists at several
 * resourceVersions and the latency of one object's history.
 */
@Command(name = "bench-history", mixinStandardHelpOptions = true,
    description = "Measure replay speed, exact past lists and history queries over a large log.")
public final class BenchHistoryCommand implements Callable<Integer> {

  @Option(names = "--data-dir", required = true, description = "Directory for the benchmark's broker and stores.")
  Path dataDir;

  @Option(names = "--events", defaultValue = "1000000", description = "Records in the log (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--objects", defaultValue = "10000", description = "Distinct objects (default: ${DEFAULT-VALUE}).")
  int objects;

  @Option(names = "--namespaces", defaultValue = "10", description = "Namespaces (default: ${DEFAULT-VALUE}).")
  int namespaces;

  @Option(names = "--points", defaultValue = "5", description = "Past versions to list at (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--samples", defaultValue = "2000", description = "Objects whose history is read (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--rounds", defaultValue = "1",
      description = "Replays to run, each into a fresh store; later ones run on a warm JVM (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--baseline", description = "Also rebuild with the live projection loop, and compare store hashes.")
  boolean baseline;

  @Option(names = "--changeset-records", defaultValue = "16",
      description = "Records per batch of the projection that writes the changelog, as a live cluster's batches"
          + " under load (default: ${DEFAULT-VALUE}).")
  int changeSetRecords;

  @Option(names = "--rewrite-changelog", description = "Delete the changelog the directory holds and write it again"
      + " (with --changeset-records).")
  boolean rewriteChangelog;

  @Option(names = "--changelog-only", description = "Measure the replay from the changelog only (no replay deciding"
      + " every record, so no comparison of the two stores).")
  boolean changelogOnly;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path dir = dataDir.toAbsolutePath();
    // its own broker on the directory: never beside a server's
    try (DataDirLock lock = DataDirLock.acquire(dir);
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        KafkaEventLog log = KafkaEventLog.open(kafka.bootstrap(), Cluster.TOPIC, 1)) {
      long end = log.endOffset().get(30, TimeUnit.SECONDS);
      if (end == 0) {
        HistoryWriter.write(log, events, objects, namespaces, out);
        end = log.endOffset().get(30, TimeUnit.SECONDS);
      } else {
        out.printf(Locale.ROOT, "reusing the log in %s: %,d records%n", dir, end);
      }
      long target = end - 1;
      LongFunction<RawSource> commands = from -> new KafkaRawSource(kafka.bootstrap(), Cluster.TOPIC, from);
      if (rewriteChangelog) {
        deleteTopic(kafka.bootstrap(), Cluster.CHANGES);
      }
      if (KafkaChangelog.endOffset(kafka.bootstrap(), Cluster.CHANGES) == 0) {
        writeChangelog(kafka.bootstrap(), target, dir.resolve("replays").resolve("changelog-writer"), commands, out);
      }
      ChangelogRestore.Source changelog = ChangelogRestore.Source.of(kafka.bootstrap(), Cluster.CHANGES);
      Path restored = dir.resolve("replays").resolve("restored").resolve("state");
      Path decided = dir.resolve("replays").resolve("bench").resolve("state");
      for (int round = 1; round <= rounds; round++) {
        delete(restored.getParent());
        try (RocksStore store = RocksStore.openForRebuild(restored)) {
          long cpu0 = cpuNanos();
          Replay.Stats s = Replay.rebuild(store, Replay.machine(), target, commands, changelog,
              restored.resolveSibling("bulk"), out, false);
          out.printf(Locale.ROOT, "REPLAY from the changelog%s: %,d events in %.2f s: %,.0f events/s (%,d from %,d"
              + " change sets, %,d decided; process CPU %.1f s; load average %.1f on %d cores)%n",
              rounds > 1 ? " round " + round : "", s.applied(), s.seconds(), s.rate(), s.restored(), changelog.end(),
              s.applied() - s.restored(), (cpuNanos() - cpu0) / 1e9, load(), cores());
        }
      }
      byte[] decidedHash = null;
      for (int round = 1; round <= (changelogOnly ? 0 : rounds); round++) {
        delete(decided.getParent());
        try (RocksStore store = RocksStore.openForRebuild(decided)) {
          long cpu0 = cpuNanos();
          Replay.Stats s = Replay.rebuild(store, Replay.machine(), target, commands, out, false);
          double cpu = (cpuNanos() - cpu0) / 1e9;
          out.printf(Locale.ROOT, "REPLAY deciding every record%s: %,d events in %.2f s: %,.0f events/s (process CPU"
              + " %.1f s, apply thread CPU %.1f s = %.1f us/event; load average %.1f on %d cores)%n",
              rounds > 1 ? " round " + round : "", s.applied(), s.seconds(), s.rate(), cpu, s.applyCpuSeconds(),
              s.applyCpuSeconds() * 1e6 / Math.max(1, s.applied()), load(), cores());
        }
      }
      if (!changelogOnly) {
        try (RocksStore store = RocksStore.open(decided)) {
          decidedHash = store.hash();
        }
      }
      try (RocksStore store = RocksStore.open(restored)) {
        if (decidedHash != null) {
          byte[] h = store.hash();
          out.printf("store hash from the changelog %s, deciding every record %s: %s%n", HexFormat.of().formatHex(h),
              HexFormat.of().formatHex(decidedHash), java.util.Arrays.equals(h, decidedHash) ? "identical"
                  : "DIFFERENT");
        }
        out.println("exact past lists (store.at(N), every object of a resource):");
        HistoryFigures.pastLists(store, List.of("core/configmaps/", "core/pods/", "apps/deployments/"), points, out);
        out.println("history queries:");
        HistoryFigures.histories(store, samples, out);
      }
      if (baseline && decidedHash != null) {
        baseline(log, target, decidedHash, dir, out);
      }
    }
    return 0;
  }

  /**
   * Writes the changelog a live projection would have written for the log: its records
   * decided in batches of {@link #changeSetRecords}, each committed batch appended as a change set.
   */
  private void writeChangelog(String bootstrap, long target, Path scratch, LongFunction<RawSource> commands,
      PrintStream out) throws Exception {
    delete(scratch);
    long t0 = System.nanoTime();
    try (KafkaChangelog changelog = KafkaChangelog.open(bootstrap, Cluster.CHANGES, 1);
        RocksStore store = RocksStore.openForRebuild(scratch.resolve("state"))) {
      java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
      store.onCommit((first, last, changeSet) -> changelog.append(changeSet.get()).whenComplete((o, e) -> {
        if (e != null) {
          failed.compareAndSet(null, e);
        }
      }));
      int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
      java.util.concurrent.ExecutorService decoders = java.util.concurrent.Executors.newFixedThreadPool(threads);
      Applier applier = new Applier(store, Replay.machine(), Replay.CACHED_OBJECTS, decoders, threads);
      try {
        BatchApplier rebuild = new BatchApplier(applier, n -> { });
        new DecodedBatches(() -> commands.apply(0), 0, target, decoders, changeSetRecords, 64).subscribe(rebuild);
        rebuild.done().get();
      } finally {
        applier.close();
        decoders.shutdownNow();
      }
      if (failed.get() != null) {
        throw new ReplayException("appending the changelog failed: " + failed.get(), failed.get());
      }
    }
    out.printf(Locale.ROOT, "wrote the changelog of %,d records in change sets of %d records in %.1f s%n", target + 1,
        changeSetRecords, (System.nanoTime() - t0) / 1e9);
    delete(scratch);
  }

  private static void deleteTopic(String bootstrap, String topic) throws Exception {
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
        java.util.Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      if (admin.listTopics().names().get().contains(topic)) {
        admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (admin.listTopics().names().get().contains(topic) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
  }

  private static double load() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static void baseline(KafkaEventLog log, long target, byte[] replayHash, Path dir, PrintStream out)
      throws Exception {
    Path state = dir.resolve("replays").resolve("baseline").resolve("state");
    delete(state);
    try (RocksStore store = RocksStore.open(state)) {
      long t0 = System.nanoTime();
      try (Projection p = new Projection(log, store, Replay.machine(), 1000).start()) {
        p.awaitApplied(target).get(1, TimeUnit.HOURS);
      }
      double s = (System.nanoTime() - t0) / 1e9;
      out.printf(Locale.ROOT, "BASELINE live projection loop: %,d events in %.2f s: %,.0f events/s%n", target + 1, s,
          (target + 1) / s);
      byte[] h = store.hash();
      out.printf("store hash after replay %s, after the live projection %s: %s%n",
          HexFormat.of().formatHex(replayHash), HexFormat.of().formatHex(h),
          java.util.Arrays.equals(h, replayHash) ? "identical" : "DIFFERENT");
    }
  }

  private static long cpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
