package io.logplane.bench;

import java.time.Duration;
import java.util.Locale;

/** Parses the option values people type: {@code 200/s}, {@code 10s}, {@code 1m30s}. */
public final class Units {
  private Units() {}

  /**
   * A rate in operations per second: {@code 200}, {@code 200/s}, {@code 12000/m}.
   *
   * @throws IllegalArgumentException when it is not a positive rate
   */
  public static double rate(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    double per = 1;
    int slash = t.indexOf('/');
    if (slash >= 0) {
      per = switch (t.substring(slash + 1)) {
        case "s", "sec", "second" -> 1;
        case "m", "min", "minute" -> 60;
        default -> throw new IllegalArgumentException("unknown rate unit in '" + text
            + "' (use /s or /m)");
      };
      t = t.substring(0, slash);
    }
    double value;
    try {
      value = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a rate: '" + text + "'");
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("a rate must be positive: '" + text + "'");
    }
    return value / per;
  }

  /**
   * A Go-style duration: {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1m30s};
   * a bare number is seconds.
   *
   * @throws IllegalArgumentException when it is not a positive duration
   */
  public static Duration duration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.matches("\\d+(\\.\\d+)?")) {
      t = t + "s";
    }
    if (!t.matches("(\\d+(\\.\\d+)?(ms|s|m|h))+")) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 10s, 500ms, 2m)");
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)").matcher(t);
    double nanos = 0;
    while (m.find()) {
      double v = Double.parseDouble(m.group(1));
      nanos += v * switch (m.group(2)) {
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        default -> 3600e9;
      };
    }
    if (nanos <= 0) {
      throw new IllegalArgumentException("a duration must be positive: '" + text + "'");
    }
    return Duration.ofNanos(Math.round(nanos));
  }
}
