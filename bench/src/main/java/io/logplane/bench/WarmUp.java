package io.logplane.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Unmeasured creates until the server is warm, in a namespace of their own (so what is
 * measured and listed afterwards is the same whatever the warm-up took). A server on a JVM
 * speeds up for tens of thousands of requests while its compiler works; a Go server does not
 * need this and stops after three rounds. Rounds of up to {@link #ROUND} pods, a third created
 * by one client and the rest by {@link #CLIENTS}; the warm-up ends when {@link #FLAT} rounds
 * in a row did not beat the best earlier one by more than {@link #GAIN} at either concurrency,
 * nor, when the server is a local process, cut its CPU per create by more than {@link #GAIN},
 * or at the limit. A looser rule (two rounds, 10%) stopped Logplane while each round was still
 * faster than the one before, and measured it well below what it made after a longer warm-up
 * (the README has the figures). The rates alone, rounds of a second or so on a machine shared
 * with the client, stopped it while its compiler still took a fifth of the CPU: a round's
 * CPU per create, the compiler's included, is the steadier sign (the README has that too).
 */
final class WarmUp {

  static final int ROUND = 2000;
  static final int CLIENTS = 16;
  static final double GAIN = 0.05;
  static final int FLAT = 3;

  private WarmUp() {}

  /** Warms the server up with at most {@code maxPods} creates in {@code bench}'s namespace. */
  static void run(BenchRun bench, int maxPods, LongSupplier serverCpuTicks) throws InterruptedException {
    PrintWriter out = bench.out;
    Steadiness steadiness = new Steadiness();
    int made = 0;
    int round = 0;
    while (made < maxPods && !steadiness.steady()) {
      int pods = Math.min(ROUND, maxPods - made);
      int alone = Math.max(1, pods / 3);
      long ticksBefore = serverCpuTicks.getAsLong();
      Result one = CreateThroughput.run(bench, alone, 1);
      Result many = pods > alone ? CreateThroughput.run(bench, pods - alone, CLIENTS) : null;
      made += pods;
      round++;
      long ticksAfter = serverCpuTicks.getAsLong();
      double cpu = ticksBefore < 0 || ticksAfter < 0 ? Double.NaN
          : (ticksAfter - ticksBefore) * 1000.0 / ProcFs.TICKS_PER_SECOND / pods;
      double together = many == null ? 0 : many.perSecond();
      out.printf(Locale.ROOT, "warm-up round %d: %d pods, c=1 %.0f/s, c=%d %.0f/s%s%s%n", round, pods,
          one.perSecond(), CLIENTS, together,
          Double.isNaN(cpu) ? "" : String.format(Locale.ROOT, ", server CPU %.2f ms/create", cpu), errors(one, many));
      out.flush();
      steadiness.round(one.perSecond(), together, cpu);
    }
    out.printf(Locale.ROOT, "warm-up: %d pods in %d round(s) in namespace %s, %s%n", made, round,
        bench.namespace, steadiness.steady() ? "steady" : "stopped at --warmup " + maxPods + " before it was steady");
    out.flush();
  }

  /**
   * Whether the warm-up's rounds stopped getting better: {@link #FLAT} rounds in a row, after the
   * first, that beat neither best rate by more than {@link #GAIN} nor, where the server's CPU is
   * measured, its lowest CPU per create by more than {@link #GAIN}.
   */
  static final class Steadiness {
    private double bestAlone;
    private double bestTogether;
    private double bestCpu = Double.MAX_VALUE;
    private int rounds;
    private int flat;

    /** A round's creates per second alone and together, and the server's ms of CPU per create (NaN: not measured). */
    void round(double alone, double together, double cpuPerCreate) {
      boolean gained = alone > bestAlone * (1 + GAIN) || together > bestTogether * (1 + GAIN)
          || cpuPerCreate < bestCpu * (1 - GAIN);
      rounds++;
      flat = rounds > 1 && !gained ? flat + 1 : 0;
      bestAlone = Math.max(bestAlone, alone);
      bestTogether = Math.max(bestTogether, together);
      bestCpu = Double.isNaN(cpuPerCreate) ? bestCpu : Math.min(bestCpu, cpuPerCreate);
    }

    boolean steady() {
      return flat >= FLAT;
    }
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
