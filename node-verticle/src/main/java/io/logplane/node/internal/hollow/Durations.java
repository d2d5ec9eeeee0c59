package io.logplane.node.internal.hollow;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} for the units an annotation needs: h, m, s, ms. */
final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

  private Durations() {}

  /** Milliseconds, or null when the text is empty or not a duration. */
  static Long millis(String text) {
    String t = text.trim();
    if (t.isEmpty()) {
      return null;
    }
    Matcher m = PART.matcher(t);
    double total = 0;
    int at = 0;
    while (m.find() && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      total += switch (m.group(2)) {
        case "h" -> n * 3_600_000;
        case "m" -> n * 60_000;
        case "s" -> n * 1000;
        default -> n;
      };
      at = m.end();
    }
    return at == t.length() ? (long) total : null;
  }
}
