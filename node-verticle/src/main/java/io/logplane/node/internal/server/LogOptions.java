package io.logplane.node.internal.server;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * The options of a {@code containerLogs} request, as the kubelet decodes ({@code v1.PodLogOptions}
 * from the query, {@code tail} its older name) and validates them, then turns them into the
 * runtime's log options ({@code NewLogOptions}).
 *
 * @param tail       the lines to show from the end, -1 for all
 * @param limitBytes the bytes to show at most, -1 for no limit
 * @param since      lines written before it are skipped; null for none
 */
public record LogOptions(long tail, long limitBytes, Instant since, boolean follow,
    boolean timestamps, boolean previous) {

  private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
  private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

  /** The options of a plain read of the whole log. */
  public static final LogOptions ALL = new LogOptions(-1, -1, null, false, false, false);

  /**
   * The options of {@code query} (first value of each parameter) at {@code now}.
   *
   * @throws Refused 400 when a value does not decode, 422 when the options are not valid
   */
  public static LogOptions parse(Map<String, String> query, Instant now) throws Refused {
    String tailText = query.get("tailLines");
    String legacy = query.get("tail");
    if (legacy != null && !legacy.isEmpty()) {
      tailText = legacy.equals("all") ? null : legacy;
    }
    Long tail;
    Long limit;
    Long sinceSeconds;
    Instant sinceTime;
    boolean follow;
    boolean timestamps;
    boolean previous;
    try {
      tail = integer(tailText);
      limit = integer(query.get("limitBytes"));
      sinceSeconds = integer(query.get("sinceSeconds"));
      sinceTime = time(query.get("sinceTime"));
      follow = bool(query.get("follow"));
      timestamps = bool(query.get("timestamps"));
      previous = bool(query.get("previous"));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new Refused(400, "{\"message\": \"Unable to decode query.\"}");
    }
    boolean invalid = (tail != null && tail < 0) || (limit != null && limit < 1)
        || (sinceSeconds != null && sinceTime != null) || (sinceSeconds != null && sinceSeconds < 1);
    if (invalid) {
      throw new Refused(422, "{\"message\": \"Invalid request.\"}");
    }
    Instant since = sinceSeconds == null ? null : now.minusSeconds(sinceSeconds);
    if (sinceTime != null && (since == null || sinceTime.isAfter(since))) {
      since = sinceTime;
    }
    return new LogOptions(tail == null ? -1 : tail, limit == null ? -1 : limit, since, follow,
        timestamps, previous);
  }

  private static Long integer(String v) {
    return v == null || v.isEmpty() ? null : Long.valueOf(v);
  }

  private static Instant time(String v) {
    return v == null || v.isEmpty() ? null
        : OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  private static boolean bool(String v) {
    if (v == null || v.isEmpty() || FALSE.contains(v)) {
      return false;
    }
    if (TRUE.contains(v)) {
      return true;
    }
    throw new IllegalArgumentException("not a boolean: " + v);
  }
}
