package io.logplane.launcher.replay;

import io.logplane.events.EventLog;
import io.logplane.events.Command;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Fills an empty log with a synthetic history straight through the producer (no HTTP). */
final class HistoryWriter {

  private HistoryWriter() {}

  /** Appends a Genesis record, the namespaces, then synthetic records up to {@code total} records in all. */
  static void write(EventLog log, long total, int objects, int namespaces, PrintStream out) throws Exception {
    long t0 = System.nanoTime();
    SyntheticHistory history = new SyntheticHistory(42, objects, namespaces, 1, System.currentTimeMillis() - total);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CompletableFuture<Long> last = log.append(new Command.Genesis(new Command.Meta("bench", "genesis", 0), "bench"));
    long written = 1;
    for (Command r : history.namespaces()) {
      last = watch(log.append(r), failure);
      written++;
    }
    for (; written < total; written++) {
      last = watch(log.append(history.next()), failure);
      if (written % 100_000 == 0) {
        out.printf(Locale.ROOT, "  written %,d records%n", written);
      }
    }
    long end = last.get(120, TimeUnit.SECONDS);
    if (failure.get() != null) {
      throw new ReplayException("appending the history failed: " + failure.get(), failure.get());
    }
    double s = (System.nanoTime() - t0) / 1e9;
    out.printf(Locale.ROOT, "wrote %,d records (last offset %d) in %.1f s: %,.0f records/s%n", total, end, s,
        total / s);
  }

  private static CompletableFuture<Long> watch(CompletableFuture<Long> f, AtomicReference<Throwable> failure) {
    f.whenComplete((o, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      }
    });
    return f;
  }
}
