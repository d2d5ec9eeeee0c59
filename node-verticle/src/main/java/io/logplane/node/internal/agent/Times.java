package io.logplane.node.internal.agent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Kubernetes' two timestamp formats: Time (seconds) and MicroTime (Leases, Events). */
public final class Times {
  private static final DateTimeFormatter MICRO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  /** {@code metav1.Time}: RFC 3339 in whole seconds. */
  public static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** {@code metav1.MicroTime}: six fractional digits, always. */
  public static String micro(Instant t) {
    return MICRO.format(t);
  }

  /** A Time or MicroTime as written by any server; null when absent or unreadable. */
  public static Instant parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
