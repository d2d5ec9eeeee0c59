package io.logplane.api.table;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Kube's human-readable durations ({@code duration.HumanDuration}) and timestamp ages. */
public final class Durations {

  private Durations() {}

  /**
   * Formats a duration as kubectl does: {@code 45s}, {@code 3m2s}, {@code 10m}, {@code 5h7m},
   * {@code 2d3h}, {@code 400d}, {@code 2y30d}. Up to one second in the future reads as
   * {@code 0s}; further is {@code <invalid>}.
   */
  public static String human(long millis) {
    long seconds = millis / 1000; // truncates toward zero like Go's int(d.Seconds())
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = minutes / 60;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long dy = hours / 24 % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }

  /** The age of an RFC 3339 timestamp at {@code nowMillis}; {@code <unknown>} when unset. */
  public static String since(String timestamp, long nowMillis) {
    Long t = parse(timestamp);
    return t == null ? "<unknown>" : human(nowMillis - t);
  }

  /** Milliseconds since the epoch of an RFC 3339 timestamp, or null when empty or malformed. */
  static Long parse(String timestamp) {
    if (timestamp == null || timestamp.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(timestamp).toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
