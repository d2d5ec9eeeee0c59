package io.logplane.bench;

import java.util.List;
import java.util.Locale;

/**
 * The figures of one scenario step.
 *
 * @param scenario  what ran, e.g. {@code create c=16}
 * @param ok        successful operations (or delivered events)
 * @param errors    failed operations, all kinds
 * @param perSecond throughput in operations per second, or NaN where it means nothing
 * @param latency   latency percentiles
 * @param note      anything else worth a column, e.g. {@code 2000 items}
 * @param errorText one line per kind of error (see {@link Errors#describe()}), or empty
 */
public record Result(
    String scenario, long ok, long errors, double perSecond, Latencies.Stats latency,
    String note, String errorText) {

  /** A result whose error count and text come from {@code errors}. */
  public static Result of(String scenario, long ok, Errors errors, double perSecond,
      Latencies.Stats latency, String note) {
    return new Result(scenario, ok, errors.total(), perSecond, latency, note,
        errors.describe());
  }

  /** The same result with {@code suffix} (such as a round's {@code " r2"}) after its scenario. */
  public Result labelled(String suffix) {
    return suffix.isEmpty() ? this
        : new Result(scenario + suffix, ok, errors, perSecond, latency, note, errorText);
  }

  /** The line printed when the step ends, followed by its error lines. */
  public String line() {
    String rate = Double.isNaN(perSecond) ? ""
        : String.format(Locale.ROOT, "  %.1f/s", perSecond);
    return String.format(Locale.ROOT, "%-22s ok=%d errors=%d%s  %s%s", scenario, ok, errors,
        rate, latency.format(), note.isEmpty() ? "" : "  " + note)
        + (errorText.isEmpty() ? "" : System.lineSeparator() + errorText.stripTrailing());
  }

  /** A fixed-width table of all steps, one row each. */
  public static String table(List<Result> results) {
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "%-22s %8s %7s %10s %9s %9s %9s  %s%n", "scenario", "ok", "errors", "per sec",
        "p50 ms", "p99 ms", "max ms", "note"));
    for (Result r : results) {
      Latencies.Stats s = r.latency();
      boolean none = s.count() == 0;
      out.append(String.format(Locale.ROOT, "%-22s %8d %7d %10s %9s %9s %9s  %s%n",
          r.scenario(), r.ok(), r.errors(),
          Double.isNaN(r.perSecond()) ? "-" : String.format(Locale.ROOT, "%.1f", r.perSecond()),
          none ? "-" : Latencies.Stats.ms(s.p50()), none ? "-" : Latencies.Stats.ms(s.p99()),
          none ? "-" : Latencies.Stats.ms(s.max()), r.note()));
    }
    return out.toString();
  }
}
