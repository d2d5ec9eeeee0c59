package io.logplane.node.internal.real;

import java.time.Duration;

/** Go's {@code time.Duration.String} of a duration truncated to milliseconds: 523ms, 1.2s, 1m2.05s. */
final class GoDuration {
  private GoDuration() {}

  static String millis(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    if (ms < 1000) {
      return ms + "ms";
    }
    long h = ms / 3_600_000;
    long m = ms / 60_000 % 60;
    String s = ms / 1000 % 60 + fraction(ms % 1000) + "s";
    if (h > 0) {
      return h + "h" + m + "m" + s;
    }
    return m > 0 ? m + "m" + s : s;
  }

  private static String fraction(long ms) {
    if (ms == 0) {
      return "";
    }
    String digits = String.format(java.util.Locale.ROOT, "%03d", ms).replaceAll("0+$", "");
    return "." + digits;
  }
}
