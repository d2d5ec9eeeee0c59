package io.logplane.launcher.replay;

import io.logplane.events.EmbeddedKafka;
import io.logplane.events.KafkaEventLog;
import io.logplane.launcher.Cluster;
import io.logplane.projections.Projection;
import io.logplane.projections.RocksStore;
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

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path dir = dataDir.toAbsolutePath();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        KafkaEventLog log = KafkaEventLog.open(kafka.bootstrap(), Cluster.TOPIC, 1)) {
      long end = log.endOffset().get(30, TimeUnit.SECONDS);
      if (end == 0) {
        HistoryWriter.write(log, events, objects, namespaces, out);
        end = log.endOffset().get(30, TimeUnit.SECONDS);
      } else {
        out.printf(Locale.ROOT, "reusing the log in %s: %,d records%n", dir, end);
      }
      long target = end - 1;
      Path state = dir.resolve("replays").resolve("bench").resolve("state");
      for (int round = 1; round < rounds; round++) {
        delete(state);
        try (RocksStore store = RocksStore.openForRebuild(state)) {
          Replay.Stats s = Replay.rebuild(store, Replay.machine(), target,
              from -> new KafkaRawSource(kafka.bootstrap(), Cluster.TOPIC, from), out, false);
          out.printf(Locale.ROOT, "REPLAY round %d: %,.0f events/s%n", round, s.rate());
        }
      }
      delete(state);
      byte[] hash;
      try (RocksStore store = RocksStore.openForRebuild(state)) {
        out.println("replay (pipeline: parallel decode, bulk RocksDB writes):");
        long cpu0 = cpuNanos();
        Replay.Stats s = Replay.rebuild(store, Replay.machine(), target,
            from -> new KafkaRawSource(kafka.bootstrap(), Cluster.TOPIC, from), out, false);
        double cpu = (cpuNanos() - cpu0) / 1e9;
        out.printf(Locale.ROOT, "REPLAY %,d events in %.2f s: %,.0f events/s (process CPU %.1f s, apply thread CPU"
            + " %.1f s = %.1f us/event; load average %.1f on %d cores)%n", s.applied(), s.seconds(), s.rate(), cpu,
            s.applyCpuSeconds(), s.applyCpuSeconds() * 1e6 / Math.max(1, s.applied()),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            Runtime.getRuntime().availableProcessors());
        out.println("exact past lists (store.at(N), every object of a resource):");
        HistoryFigures.pastLists(store, List.of("core/configmaps/", "core/pods/", "apps/deployments/"), points, out);
        out.println("history queries:");
        HistoryFigures.histories(store, samples, out);
        hash = baseline ? store.hash() : null;
      }
      if (baseline) {
        baseline(log, target, hash, dir, out);
      }
    }
    return 0;
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
