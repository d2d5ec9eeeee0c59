package io.logplane.selectors;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration as Go's time.ParseDuration reads it ({@code 1h30m}, {@code 1.5h}, {@code 90s}). */
public final class GoDuration {

  private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
      "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private GoDuration() {}

  /** @throws IllegalArgumentException with Go's words, {@code time: invalid duration "x"} */
  public static Duration parse(String text) {
    String s = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(s);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < s.length() && m.find(at) && m.start() == at && !m.group(1).isEmpty() && !m.group(1).equals(".")) {
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
      at = m.end();
    }
    if (s.isEmpty() || at != s.length()) {
      throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
    }
    Duration d = Duration.ofNanos(nanos.longValue());
    return text.startsWith("-") ? d.negated() : d;
  }
}
