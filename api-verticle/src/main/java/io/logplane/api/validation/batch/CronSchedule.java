package io.logplane.api.validation.batch;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CronJob schedule as kube 1.28 reads it (robfig/cron's {@code ParseStandard}): an optional
 * {@code TZ=} or {@code CRON_TZ=} prefix, a descriptor ({@code @hourly}, {@code @every 1h}, ...)
 * or exactly five fields (minute, hour, day of month, month, day of week, with names and
 * {@code ?}). The five fields are parsed by cron-utils with the same ranges; the messages for
 * the prefix, the descriptors and the field count are those of kube's library.
 */
public final class CronSchedule {

  private static final Set<String> DESCRIPTORS =
      Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");
  private static final Pattern GO_DURATION = Pattern.compile("([0-9]*(\\.[0-9]*)?(ns|us|µs|μs|ms|s|m|h))+|0");
  private static final CronParser PARSER = new CronParser(definition());

  private CronSchedule() {}

  /** The parser's error for a schedule, empty when it parses. */
  public static Optional<String> error(String spec) {
    if (spec.isEmpty()) {
      return Optional.of("empty spec string");
    }
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      int space = spec.indexOf(' ');
      String zone = spec.substring(spec.indexOf('=') + 1, space < 0 ? spec.length() : space);
      if (!TimeZones.known(zone)) {
        return Optional.of("provided bad location " + zone + ": unknown time zone " + zone);
      }
      spec = space < 0 ? "" : spec.substring(space).trim();
    }
    if (spec.startsWith("@")) {
      return descriptor(spec);
    }
    List<String> fields = List.of(spec.trim().split("\\s+"));
    if (spec.isBlank()) {
      fields = List.of();
    }
    if (fields.size() != 5) {
      return Optional.of("expected exactly 5 fields, found " + fields.size() + ": [" + String.join(" ", fields) + "]");
    }
    try {
      PARSER.parse(String.join(" ", fields));
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static Optional<String> descriptor(String spec) {
    if (DESCRIPTORS.contains(spec)) {
      return Optional.empty();
    }
    if (spec.startsWith("@every ")) {
      String d = spec.substring("@every ".length());
      String unsigned = d.startsWith("-") || d.startsWith("+") ? d.substring(1) : d;
      return GO_DURATION.matcher(unsigned).matches() && !unsigned.isEmpty() ? Optional.empty()
          : Optional.of("failed to parse duration " + spec + ": time: invalid duration \"" + d + "\"");
    }
    return Optional.of("unrecognized descriptor: " + spec);
  }

  /** Minute 0-59, hour 0-23, day of month 1-31, month 1-12 or jan-dec, day of week 0-6 or sun-sat. */
  private static CronDefinition definition() {
    return CronDefinitionBuilder.defineCron()
        .withMinutes().withValidRange(0, 59).withStrictRange().and()
        .withHours().withValidRange(0, 23).withStrictRange().and()
        .withDayOfMonth().withValidRange(1, 31).supportsQuestionMark().withStrictRange().and()
        .withMonth().withValidRange(1, 12).withStrictRange().and()
        .withDayOfWeek().withValidRange(0, 6).withMondayDoWValue(1).supportsQuestionMark().withStrictRange().and()
        .instance();
  }

  /** Time zone names as Go's {@code time.LoadLocation} knows them (the IANA database). */
  static final class TimeZones {
    private TimeZones() {}

    static boolean known(String zone) {
      return zone.equals("UTC") || ZoneId.getAvailableZoneIds().contains(zone);
    }
  }
}
