package io.logplane.launcher.replay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Where a replay stops: a resourceVersion (a log offset) or a point in time. */
public sealed interface Target {

  /** Stop right after the record at this offset. */
  record Offset(long offset) implements Target {}

  /** Stop after the last record made at or before this instant. */
  record Time(Instant time) implements Target {}

  /**
   * Parses {@code --to}: digits are a resourceVersion, anything else an RFC 3339 time with an
   * offset or {@code Z} (fractions of a second allowed, {@code t}/{@code z} in either case).
   *
   * @throws ReplayException when it is neither
   */
  static Target parse(String text) {
    String s = text == null ? "" : text.trim();
    if (s.isEmpty()) {
      throw new ReplayException("--to needs a resourceVersion or an RFC 3339 time");
    }
    if (s.chars().allMatch(Character::isDigit)) {
      try {
        return new Offset(Long.parseLong(s));
      } catch (NumberFormatException e) {
        throw new ReplayException("resourceVersion " + s + " is out of range");
      }
    }
    try {
      OffsetDateTime t = OffsetDateTime.parse(s.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return new Time(t.toInstant());
    } catch (DateTimeParseException e) {
      throw new ReplayException("--to " + s + " is neither a resourceVersion (digits) nor an RFC 3339 time"
          + " such as 2024-05-01T12:00:00Z");
    }
  }
}
