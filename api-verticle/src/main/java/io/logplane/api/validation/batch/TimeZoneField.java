package io.logplane.api.validation.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.logplane.api.validation.FieldErrors;
import io.logplane.api.validation.workloads.GoStructs;
import java.util.regex.Pattern;

/** A CronJob's timeZone: an explicit IANA name ({@code validateTimeZone}). */
final class TimeZoneField {

  private static final Pattern PART = Pattern.compile("[A-Za-z.\\-_0-9+]{1,14}");

  private TimeZoneField() {}

  static void validate(JsonNode tz, FieldErrors errors) {
    if (GoStructs.absent(tz)) {
      return;
    }
    String zone = tz.asText();
    String path = "spec.timeZone";
    if (zone.isEmpty()) {
      errors.invalid(path, zone, "timeZone must be nil or non-empty string");
      return;
    }
    for (String part : zone.split("/", -1)) {
      if (part.equals(".") || part.equals("..") || part.startsWith("-") || !PART.matcher(part).matches()) {
        errors.invalid(path, zone, "unknown time zone " + zone);
        return;
      }
    }
    if (zone.equalsIgnoreCase("Local")) {
      errors.invalid(path, zone, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
    } else if (!CronSchedule.TimeZones.known(zone)) {
      errors.invalid(path, zone, "unknown time zone " + zone);
    }
  }
}
