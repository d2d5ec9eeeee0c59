package io.logplane.controllers.cronjob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Schedules as kube reads them: five fields, descriptors, @every, a TZ prefix; next times strictly after. */
class ScheduleTest {

  private static Instant next(String spec, String after) {
    return Schedule.parse(spec, ZoneOffset.UTC).next(Instant.parse(after));
  }

  @Test
  void fiveFieldsAndDescriptors() {
    assertEquals(Instant.parse("2026-12-02T10:01:00Z"), next("*/1 * * * *", "2026-12-02T10:00:00Z"));
    assertEquals(Instant.parse("2026-12-02T10:01:00Z"), next("* * * * *", "2026-12-02T10:00:59.900Z"));
    assertEquals(Instant.parse("2026-12-02T10:15:00Z"), next("15,45 * * * *", "2026-12-02T10:00:00Z"));
    assertEquals(Instant.parse("2026-12-02T11:00:00Z"), next("@hourly", "2026-12-02T10:00:00Z"));
    assertEquals(Instant.parse("2026-12-06T00:00:00Z"), next("@weekly", "2026-12-02T10:00:00Z"), "Sunday");
    assertEquals(Instant.parse("2026-12-04T00:00:00Z"), next("0 0 * * fri", "2026-12-02T10:00:00Z"));
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), next("@yearly", "2026-12-02T10:00:00Z"));
    // both days restricted: either matches, as in cron (Friday the 4th comes before the 13th)
    assertEquals(Instant.parse("2026-12-04T00:00:00Z"), next("0 0 13 * 5", "2026-12-02T10:00:00Z"));
    assertEquals(Instant.parse("2026-12-13T00:00:00Z"), next("0 0 13 * *", "2026-12-02T10:00:00Z"));
  }

  @Test
  void everyAddsItsWholeSecondsToTheTime() {
    assertEquals(Instant.parse("2026-12-02T10:01:30Z"), next("@every 90s", "2026-12-02T10:00:00.5Z"));
    assertEquals(Instant.parse("2026-12-02T11:30:00Z"), next("@every 1h30m", "2026-12-02T10:00:00Z"));
    assertEquals(Duration.ofMinutes(90), io.logplane.selectors.GoDuration.parse("1.5h"));
  }

  @Test
  void aZoneFromThePrefix() {
    // 9:00 in Paris is 8:00 UTC in winter
    assertEquals(Instant.parse("2026-12-03T08:00:00Z"), next("CRON_TZ=Europe/Paris 0 9 * * *", "2026-12-02T10:00:00Z"));
    assertEquals(Instant.parse("2026-12-02T14:00:00Z"), next("TZ=America/New_York 0 9 * * *", "2026-12-02T10:00:00Z"));
  }

  @Test
  void whatDoesNotParseSaysWhy() {
    assertEquals("expected exactly 5 fields, found 6: [* * * * * *]",
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse("* * * * * *", ZoneOffset.UTC)).getMessage());
    assertEquals("unrecognized descriptor: @sometimes",
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse("@sometimes", ZoneOffset.UTC)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Schedule.parse("61 * * * *", ZoneOffset.UTC));
    assertThrows(IllegalArgumentException.class, () -> Schedule.parse("TZ=Mars/Olympus * * * * *", ZoneOffset.UTC));
  }
}
