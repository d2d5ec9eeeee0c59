package io.logplane.api.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  private static final long S = 1000;
  private static final long M = 60 * S;
  private static final long H = 60 * M;
  private static final long D = 24 * H;

  @ParameterizedTest(name = "{0} ms -> {1}")
  @CsvSource({
      "-3000, <invalid>",
      "-1500, 0s",
      "0, 0s",
      "5000, 5s",
      "119999, 119s",
      "120000, 2m",
      "182000, 3m2s",
      "599000, 9m59s",
      "600000, 10m",
      "10799000, 179m",
      "10800000, 3h",
      "18420000, 5h7m",
      "28800000, 8h",
      "172799000, 47h",
      "172800000, 2d",
      "183600000, 2d3h",
      "691200000, 8d",
      "63072000000, 2y",
      "65664000000, 2y30d",
      "252288000000, 8y",
  })
  void humanDurationsReadLikeKubectls(long millis, String expected) {
    assertEquals(expected, Durations.human(millis));
  }

  @Test
  void ageOfTimestamps() {
    long now = java.time.Instant.parse("2026-11-21T23:52:49Z").toEpochMilli();
    assertEquals("6m18s", Durations.since("2026-11-21T23:46:31Z", now));
    assertEquals("2d3h", Durations.since("2026-11-19T20:52:49Z", now));
    assertEquals("<unknown>", Durations.since("", now));
    assertEquals("0s", Durations.since("2026-11-21T23:52:49.123456Z", now), "micro-time precision");
  }
}
