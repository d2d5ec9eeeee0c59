package io.logplane.api.history;

import io.logplane.api.http.ApiException;
import io.logplane.api.http.Query;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** RFC 3339 times as history items and audit events write them, and the since/until parameters. */
public final class Times {

  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);

  private Times() {}

  /** {@code 2024-05-01T10:00:00.123Z}. */
  public static String millis(long epochMillis) {
    return MILLIS.format(Instant.ofEpochMilli(epochMillis));
  }

  /** {@code 2024-05-01T10:00:00.123000Z}, as audit.k8s.io timestamps are written. */
  public static String micros(long epochMillis) {
    return MICROS.format(Instant.ofEpochMilli(epochMillis));
  }

  /** {@code 2024-05-01T10:00:00Z}, as metadata timestamps are written. */
  public static String seconds(long epochMillis) {
    return SECONDS.format(Instant.ofEpochMilli(epochMillis));
  }

  /**
   * Parses a {@code since}/{@code until} query parameter: an RFC 3339 time, with or without
   * fraction and with any offset.
   *
   * @return epoch milliseconds, or {@code fallback} when the parameter is absent
   * @throws ApiException 400 when the value is not an RFC 3339 time
   */
  public static long parse(String name, String value, long fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw Query.invalid(name, value, "expected an RFC 3339 time, like 2024-05-01T10:00:00Z");
    }
  }
}
