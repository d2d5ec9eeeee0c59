package io.logplane.launcher.replay;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a replay on stderr: on a terminal one line redrawn in place (bar, percentage,
 * events/s, ETA) at most five times a second; otherwise a plain line every few seconds, so logs
 * stay readable. The rate is the average since the start.
 */
public final class Progress {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final boolean tty;
  private final long total;
  private final LongSupplier nanos;
  private final long start;
  private final long every;
  private long lastPrint;

  /**
   * @param total the number of events the replay will apply
   * @param nanos a monotonic clock ({@code System::nanoTime})
   */
  public Progress(PrintStream out, boolean tty, long total, LongSupplier nanos) {
    this.out = out;
    this.tty = tty;
    this.total = Math.max(total, 1);
    this.nanos = nanos;
    this.start = nanos.getAsLong();
    this.every = tty ? 200_000_000L : 5_000_000_000L;
    this.lastPrint = start;
  }

  /** Reports that {@code done} events are applied; prints when it is time to. */
  public void update(long done) {
    long now = nanos.getAsLong();
    if (now - lastPrint >= every) {
      lastPrint = now;
      print(line(done, now));
    }
  }

  /** Prints the final line with the overall rate; returns the rate in events/s. */
  public double finish(long done) {
    long now = nanos.getAsLong();
    double rate = rate(done, now);
    if (tty) {
      out.print("\r" + line(done, now) + "\n");
    }
    out.printf(Locale.ROOT, "replayed %,d events in %.2f s (%,.0f events/s)%n", done, (now - start) / 1e9, rate);
    out.flush();
    return rate;
  }

  private void print(String line) {
    out.print(tty ? "\r" + line : line + "\n");
    out.flush();
  }

  /** One progress line, e.g. {@code [=====>    ]  52.0%  520,000/1,000,000  210,000 events/s  ETA 0:02}. */
  String line(long done, long now) {
    double fraction = Math.min(1.0, (double) done / total);
    double rate = rate(done, now);
    String eta = rate <= 0 ? "--:--" : clock(Math.round((total - Math.min(done, total)) / rate));
    if (!tty) {
      return String.format(Locale.ROOT, "replay %.1f%%  %,d/%,d events  %,.0f events/s  ETA %s", fraction * 100,
          done, total, rate, eta);
    }
    int filled = (int) Math.floor(fraction * WIDTH);
    String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
    return String.format(Locale.ROOT, "[%s] %5.1f%%  %,d/%,d  %,.0f events/s  ETA %s", bar, fraction * 100, done,
        total, rate, eta);
  }

  private double rate(long done, long now) {
    double seconds = (now - start) / 1e9;
    return seconds <= 0 ? 0 : done / seconds;
  }

  static String clock(long seconds) {
    long h = seconds / 3600;
    long m = seconds / 60 % 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
