package io.logplane.bench;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Unmeasured creates until the server is warm, in a namespace of their own (so what is
 * measured and listed afterwards is the same whatever the warm-up took). A server on a JVM
 * speeds up for tens of thousands of requests while its compiler works; a Go server does not
 * need this and stops after three rounds. Rounds of up to {@link #ROUND} pods, a third created
 * by one client and the rest by {@link #CLIENTS}; the warm-up ends when {@link #FLAT} rounds
 * in a row did not beat the best earlier one by more than {@link #GAIN} at either concurrency,
 * or at the limit. A looser rule (two rounds, 10%) stopped Logplane while each round was still
 * faster than the one before, and measured it well below what it made after a longer warm-up
 * (the README has the figures).
 */
final class WarmUp {

  static final int ROUND = 2000;
  static final int CLIENTS = 16;
  static final double GAIN = 0.05;
  static final int FLAT = 3;

  private WarmUp() {}

  /** Warms the server up with at most {@code maxPods} creates in {@code bench}'s namespace. */
  static void run(BenchRun bench, int maxPods) throws InterruptedException {
    PrintWriter out = bench.out;
    double bestAlone = 0;
    double bestTogether = 0;
    int flat = 0;
    int made = 0;
    int round = 0;
    while (made < maxPods && flat < FLAT) {
      int pods = Math.min(ROUND, maxPods - made);
      int alone = Math.max(1, pods / 3);
      Result one = CreateThroughput.run(bench, alone, 1);
      Result many = pods > alone ? CreateThroughput.run(bench, pods - alone, CLIENTS) : null;
      made += pods;
      round++;
      double together = many == null ? 0 : many.perSecond();
      out.printf(Locale.ROOT, "warm-up round %d: %d pods, c=1 %.0f/s, c=%d %.0f/s%s%n", round, pods,
          one.perSecond(), CLIENTS, together, errors(one, many));
      out.flush();
      boolean gained = one.perSecond() > bestAlone * (1 + GAIN) || together > bestTogether * (1 + GAIN);
      flat = round > 1 && !gained ? flat + 1 : 0;
      bestAlone = Math.max(bestAlone, one.perSecond());
      bestTogether = Math.max(bestTogether, together);
    }
    out.printf(Locale.ROOT, "warm-up: %d pods in %d round(s) in namespace %s, %s%n", made, round,
        bench.namespace, flat >= FLAT ? "steady" : "stopped at --warmup " + maxPods + " before it was steady");
    out.flush();
  }

  private static String errors(Result one, Result many) {
    long errors = one.errors() + (many == null ? 0 : many.errors());
    if (errors == 0) {
      return "";
    }
    String text = (one.errorText() + System.lineSeparator() + (many == null ? "" : many.errorText())).strip();
    return String.format(Locale.ROOT, " (%d errors)%n%s", errors, text);
  }
}
