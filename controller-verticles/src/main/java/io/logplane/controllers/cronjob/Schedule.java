package io.logplane.controllers.cronjob;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * A CronJob schedule as kube 1.28 reads it (robfig/cron's ParseStandard): an optional
 * {@code TZ=} or {@code CRON_TZ=} prefix, a descriptor ({@code @hourly}, {@code @every 90s}) or
 * five fields, parsed by cron-utils with robfig's ranges. Times are in the prefix's zone, else
 * the controller's own (kube's time.Local).
 */
final class Schedule {

  private static final Map<String, String> DESCRIPTORS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");
  private static final CronParser PARSER = new CronParser(definition());

  private final ZoneId zone;
  private final List<ExecutionTime> cron;
  private final Duration every;

  private Schedule(ZoneId zone, List<ExecutionTime> cron, Duration every) {
    this.zone = zone;
    this.cron = cron;
    this.every = every;
  }

  /** Parses a schedule; an {@link IllegalArgumentException} says why it does not. */
  static Schedule parse(String spec, ZoneId local) {
    ZoneId zone = local;
    String s = spec.trim();
    if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
      int space = s.indexOf(' ');
      String name = s.substring(s.indexOf('=') + 1, space < 0 ? s.length() : space);
      zone = zone(name);
      s = space < 0 ? "" : s.substring(space).trim();
    }
    if (s.startsWith("@every ")) {
      Duration d = io.logplane.selectors.GoDuration.parse(s.substring("@every ".length()).trim());
      // as robfig's Every: whole seconds, at least one
      d = d.truncatedTo(ChronoUnit.SECONDS);
      return new Schedule(zone, null, d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d);
    }
    if (s.startsWith("@")) {
      String expanded = DESCRIPTORS.get(s);
      if (expanded == null) {
        throw new IllegalArgumentException("unrecognized descriptor: " + s);
      }
      s = expanded;
    }
    String[] fields = s.isEmpty() ? new String[0] : s.split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException("expected exactly 5 fields, found " + fields.length + ": [" + s + "]");
    }
    if (starred(fields[2]) || starred(fields[4])) {
      return new Schedule(zone, List.of(ExecutionTime.forCron(PARSER.parse(String.join(" ", fields)))), null);
    }
    // both days restricted: robfig (as cron) runs on either, cron-utils on both; so either of two
    String byMonthDay = String.join(" ", fields[0], fields[1], fields[2], fields[3], "*");
    String byWeekDay = String.join(" ", fields[0], fields[1], "*", fields[3], fields[4]);
    PARSER.parse(String.join(" ", fields));
    return new Schedule(zone, List.of(ExecutionTime.forCron(PARSER.parse(byMonthDay)),
        ExecutionTime.forCron(PARSER.parse(byWeekDay))), null);
  }

  /** A day field robfig marks with its star bit: then the two day fields must both match. */
  private static boolean starred(String field) {
    return field.startsWith("*") || field.startsWith("?");
  }

  /** A zone as Go's time.LoadLocation names it. */
  static ZoneId zone(String name) {
    try {
      return name.equals("UTC") || name.isEmpty() ? ZoneId.of("UTC") : ZoneId.of(name);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("provided bad location " + name + ": unknown time zone " + name);
    }
  }

  /** The first schedule time strictly after {@code t}, or null when there is none. */
  Instant next(Instant t) {
    if (every != null) {
      return t.truncatedTo(ChronoUnit.SECONDS).plus(every);
    }
    ZonedDateTime from = t.atZone(zone).truncatedTo(ChronoUnit.SECONDS);
    Instant next = null;
    for (ExecutionTime e : cron) {
      Instant at = e.nextExecution(from).map(ZonedDateTime::toInstant).orElse(null);
      next = at != null && (next == null || at.isBefore(next)) ? at : next;
    }
    return next;
  }

  ZoneId zone() {
    return zone;
  }

  private static CronDefinition definition() {
    return CronDefinitionBuilder.defineCron()
        .withMinutes().withValidRange(0, 59).withStrictRange().and()
        .withHours().withValidRange(0, 23).withStrictRange().and()
        .withDayOfMonth().withValidRange(1, 31).supportsQuestionMark().withStrictRange().and()
        .withMonth().withValidRange(1, 12).withStrictRange().and()
        .withDayOfWeek().withValidRange(0, 6).withMondayDoWValue(1).supportsQuestionMark().withStrictRange().and()
        .instance();
  }
}
