package io.logplane.launcher.replay;

import io.logplane.projections.Store;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Measures the time-travel reads of a store: exact past lists and one object's history. */
final class HistoryFigures {

  private HistoryFigures() {}

  /** Lists every object under each prefix at several past offsets, and prints the time taken. */
  static void pastLists(Store store, List<String> prefixes, int points, PrintStream out) {
    long end = store.appliedOffset();
    for (int k = 1; k <= points; k++) {
      long at = end * k / points;
      for (String prefix : prefixes) {
        long t0 = System.nanoTime();
        long[] count = {0};
        try (Store.Snapshot past = store.at(at)) {
          past.scan(prefix, null, (key, json) -> {
            count[0]++;
            return true;
          });
        }
        out.printf(Locale.ROOT, "  list %-22s at %,9d: %,6d objects in %,7.1f ms%n", prefix, at, count[0],
            (System.nanoTime() - t0) / 1e6);
      }
    }
    for (String prefix : prefixes) {
      long t0 = System.nanoTime();
      long[] count = {0};
      try (Store.Snapshot now = store.snapshot()) {
        now.scan(prefix, null, (key, json) -> {
          count[0]++;
          return true;
        });
      }
      out.printf(Locale.ROOT, "  list %-22s now (reference): %,6d objects in %,7.1f ms%n", prefix, count[0],
          (System.nanoTime() - t0) / 1e6);
    }
  }

  /** Reads the whole history of randomly chosen objects and prints p50/p99/max. */
  static void histories(Store store, int samples, PrintStream out) {
    List<String> keys = new ArrayList<>();
    for (String prefix : List.of("core/configmaps/", "core/pods/", "apps/deployments/")) {
      keys.addAll(store.historyKeys(prefix, Integer.MAX_VALUE));
    }
    if (keys.isEmpty()) {
      out.println("  no object has a history");
      return;
    }
    SplittableRandom random = new SplittableRandom(7);
    long[] nanos = new long[samples];
    long versions = 0;
    for (int i = 0; i < samples; i++) {
      String key = keys.get(random.nextInt(keys.size()));
      long t0 = System.nanoTime();
      versions += store.history(key, 0, Integer.MAX_VALUE).size();
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    out.printf(Locale.ROOT, "  history of one object (%,d samples, %.1f versions each on average): p50 %.2f ms,"
        + " p99 %.2f ms, max %.2f ms%n", samples, (double) versions / samples, nanos[samples / 2] / 1e6,
        nanos[(int) Math.min(samples - 1, Math.ceil(samples * 0.99) - 1)] / 1e6, nanos[samples - 1] / 1e6);
  }
}
