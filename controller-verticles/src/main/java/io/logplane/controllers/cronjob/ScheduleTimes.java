package io.logplane.controllers.cronjob;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.projections.Metadata;
import java.time.Duration;
import java.time.Instant;

/**
 * Which schedule time a CronJob is due for and when to look again, as kube 1.28's
 * mostRecentScheduleTime, nextScheduleTime and nextScheduleTimeDuration: counted from its last
 * schedule time (else its creation), or from the starting deadline when that is later. Pure.
 */
final class ScheduleTimes {

  /** How far past the next schedule time the key is looked at again, as kube's nextScheduleDelta. */
  static final Duration DELTA = Duration.ofMillis(100);
  /** More missed times than this are reported as TooManyMissedTimes. */
  static final long MANY_MISSED = 100;

  /** The earliest time counted from, the most recent schedule time reached (or null) and how many were missed. */
  record Recent(Instant earliest, Instant mostRecent, long missed) {}

  private ScheduleTimes() {}

  static Recent mostRecent(JsonNode cronJob, Instant now, Schedule schedule, boolean withDeadline) {
    String last = cronJob.path("status").path("lastScheduleTime").asText("");
    Instant earliest = Instant.parse(last.isEmpty() ? Metadata.text(cronJob, "creationTimestamp") : last);
    JsonNode deadline = cronJob.path("spec").get("startingDeadlineSeconds");
    if (withDeadline && deadline != null && !deadline.isNull()) {
      Instant schedulingDeadline = now.minusSeconds(deadline.asLong());
      earliest = schedulingDeadline.isAfter(earliest) ? schedulingDeadline : earliest;
    }
    Instant t1 = schedule.next(earliest);
    Instant t2 = t1 == null ? null : schedule.next(t1);
    if (t1 == null || now.isBefore(t1)) {
      return new Recent(earliest, null, 0);
    }
    if (t2 == null || now.isBefore(t2)) {
      return new Recent(earliest, t1, 0);
    }
    long between = Math.round(Duration.between(t1, t2).toMillis() / 1000.0);
    if (between < 1) {
      throw new IllegalArgumentException("time difference between two schedules is less than 1 second");
    }
    long missed = Duration.between(t1, now).getSeconds() / between + 1;
    Instant mostRecent = null;
    Instant potentialEarliest = t1.plusSeconds((missed - 2) * between);
    for (Instant t = schedule.next(potentialEarliest); t != null && !t.isAfter(now); t = schedule.next(t)) {
      mostRecent = t;
    }
    return new Recent(earliest, mostRecent, missed);
  }

  /** How long until the key should be looked at again: just past the next schedule time. */
  static Duration untilNext(JsonNode cronJob, Instant now, Schedule schedule) {
    Instant from;
    try {
      Recent r = mostRecent(cronJob, now, schedule, false);
      from = r.mostRecent() != null ? r.mostRecent() : r.missed() == 0 ? r.earliest() : now;
    } catch (IllegalArgumentException e) {
      from = now;
    }
    Instant next = schedule.next(from);
    return next == null ? null : Duration.between(now, next.plus(DELTA));
  }
}
