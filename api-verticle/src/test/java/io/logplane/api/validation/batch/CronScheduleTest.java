package io.logplane.api.validation.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Schedules kube's cron library accepts, and the messages it gives for the ones it refuses. */
class CronScheduleTest {

  @ParameterizedTest
  @ValueSource(strings = {"* * * * *", "*/15 0-6 1,15 * *", "0 9 * jan-mar mon-fri", "0 0 ? * SUN", "5 4 * * 0",
      "@hourly", "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually", "@every 90m", "@every 1h30m",
      "TZ=Europe/Paris 0 8 * * *", "CRON_TZ=UTC @daily"})
  void accepted(String schedule) {
    assertEquals(Optional.empty(), CronSchedule.error(schedule));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "bogus|expected exactly 5 fields, found 1: [bogus]",
      "* * * *|expected exactly 5 fields, found 4: [* * * *]",
      "0 0 * * * *|expected exactly 5 fields, found 6: [0 0 * * * *]",
      "@fortnightly|unrecognized descriptor: @fortnightly",
      "@every soon|failed to parse duration @every soon: time: invalid duration \"soon\"",
      "TZ=Nowhere/City 0 * * * *|provided bad location Nowhere/City: unknown time zone Nowhere/City"})
  void refused(String schedule, String message) {
    assertEquals(Optional.of(message), CronSchedule.error(schedule));
  }

  @ParameterizedTest
  @ValueSource(strings = {"60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 7", "5-1 * * * *",
      "* * * * L", "a * * * *"})
  void outOfRange(String schedule) {
    assertTrue(CronSchedule.error(schedule).isPresent(), schedule);
  }
}
