package io.logplane.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of two servers side by side ({@code bench --compare}): one row per scenario step
 * that both ran, with each server's rate and latency percentiles and how many times better A
 * is than B: A/B for rates, B/A for latencies, so that above 1 always means A did better.
 */
public final class Comparison {

  private static final String ROW = "%-22s %10s %10s %7s %9s %9s %7s %9s %9s %7s%n";

  private Comparison() {}

  /**
   * The table of the steps of {@code a} and {@code b} that have the same scenario name, in the
   * order of {@code a}; a step only one of them ran gets a row with dashes for the other.
   */
  public static String table(List<Result> a, List<Result> b) {
    Map<String, Result> others = new LinkedHashMap<>();
    b.forEach(r -> others.put(r.scenario(), r));
    List<String[]> rows = new ArrayList<>();
    for (Result r : a) {
      rows.add(row(r.scenario(), r, others.remove(r.scenario())));
    }
    others.forEach((name, r) -> rows.add(row(name, null, r)));
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, ROW, "scenario", "A per sec",
        "B per sec", "A/B", "A p50 ms", "B p50 ms", "B/A", "A p99 ms", "B p99 ms", "B/A"));
    for (String[] row : rows) {
      out.append(String.format(Locale.ROOT, ROW, (Object[]) row));
    }
    out.append("(ratios are how many times better A is than B: above 1, A is faster)")
        .append(System.lineSeparator());
    return out.toString();
  }

  /** How many times {@code better} is {@code than}: their quotient, or NaN when it means nothing. */
  static double times(double better, double than) {
    return Double.isNaN(better) || Double.isNaN(than) || better <= 0 || than <= 0 ? Double.NaN : better / than;
  }

  private static String[] row(String scenario, Result a, Result b) {
    double rateA = a == null ? Double.NaN : a.perSecond();
    double rateB = b == null ? Double.NaN : b.perSecond();
    double p50A = millis(a, true);
    double p50B = millis(b, true);
    double p99A = millis(a, false);
    double p99B = millis(b, false);
    return new String[] {scenario, figure(rateA, "%.1f"), figure(rateB, "%.1f"), ratio(times(rateA, rateB)),
        figure(p50A, "%.2f"), figure(p50B, "%.2f"), ratio(times(p50B, p50A)),
        figure(p99A, "%.2f"), figure(p99B, "%.2f"), ratio(times(p99B, p99A))};
  }

  /** A percentile in milliseconds; NaN for no step or a step without latencies. */
  private static double millis(Result r, boolean p50) {
    if (r == null || r.latency().count() == 0) {
      return Double.NaN;
    }
    return (p50 ? r.latency().p50() : r.latency().p99()) / 1e6;
  }

  private static String figure(double v, String format) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
  }

  private static String ratio(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f×", v);
  }

  /** The sides in the order a round runs them: as given in odd rounds, reversed in even ones. */
  static <T> List<T> roundOrder(List<T> sides, int round) {
    List<T> order = new ArrayList<>(sides);
    if (round % 2 == 0) {
      java.util.Collections.reverse(order);
    }
    return order;
  }
}
