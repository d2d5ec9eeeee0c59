package io.logplane.node.internal.server;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Go's {@code time.RFC3339Nano} layout, in which the kubelet prefixes each line when timestamps
 * are asked for: the fraction of a second without its trailing zeros (none when whole), the
 * offset as {@code Z} or {@code ±hh:mm}.
 */
final class Rfc3339Nano {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private Rfc3339Nano() {}

  static String format(OffsetDateTime t) {
    StringBuilder b = new StringBuilder(SECONDS.format(t));
    int nanos = t.getNano();
    if (nanos > 0) {
      String digits = String.format("%09d", nanos);
      int end = digits.length();
      while (digits.charAt(end - 1) == '0') {
        end--;
      }
      b.append('.').append(digits, 0, end);
    }
    ZoneOffset offset = t.getOffset();
    b.append(offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
    return b.toString();
  }
}
