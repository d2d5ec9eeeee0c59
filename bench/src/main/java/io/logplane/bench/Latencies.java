package io.logplane.bench;

import java.util.Arrays;

/**
 * Recorded latencies in nanoseconds, kept whole (a run records at most a few hundred
 * thousand) so percentiles are exact rather than bucketed. Safe to record from many threads.
 */
public final class Latencies {
  private long[] values = new long[1024];
  private int size;

  public synchronized void record(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  public synchronized int count() {
    return size;
  }

  /** A sorted snapshot summarized; an empty recorder gives {@link Stats#EMPTY}. */
  public Stats stats() {
    long[] sorted;
    synchronized (this) {
      sorted = Arrays.copyOf(values, size);
    }
    Arrays.sort(sorted);
    if (sorted.length == 0) {
      return Stats.EMPTY;
    }
    return new Stats(sorted.length, percentile(sorted, 50), percentile(sorted, 99),
        sorted[sorted.length - 1]);
  }

  /**
   * Nearest-rank percentile: the smallest recorded value such that at least {@code p}
   * percent of the values are at or below it (so p99 of 100 values is the 99th, and p50 of
   * two values is the lower one).
   *
   * @param sorted values in ascending order, not empty
   * @param p      percentile in (0, 100]
   */
  public static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("percentile of no values");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
    }
    // Rounded before ceil so that 99/100*100 (= 99.00000000000001) ranks as 99.
    double exact = Math.round(p / 100.0 * sorted.length * 1e9) / 1e9;
    int rank = (int) Math.ceil(exact);
    return sorted[Math.max(1, Math.min(rank, sorted.length)) - 1];
  }

  /** Count and percentiles in nanoseconds. */
  public record Stats(int count, long p50, long p99, long max) {
    public static final Stats EMPTY = new Stats(0, 0, 0, 0);

    /** {@code p50=1.23ms p99=4.56ms max=7.89ms}, or {@code no samples}. */
    public String format() {
      if (count == 0) {
        return "no samples";
      }
      return "p50=" + ms(p50) + "ms p99=" + ms(p99) + "ms max=" + ms(max) + "ms";
    }

    /** Nanoseconds as milliseconds with two decimals. */
    public static String ms(long nanos) {
      return String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6);
    }
  }
}
