package io.logplane.node.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogCopyTest {
  private static final String LOG = """
      2026-01-01T00:00:01.5Z stdout F one
      2026-01-01T00:00:02.000000001Z stderr F two
      2026-01-01T00:00:03Z stdout P thr
      2026-01-01T00:00:04Z stdout P e
      2026-01-01T00:00:05+02:00 stdout F e!
      2026-01-01T00:00:06.120Z stdout F four
      """;

  private static String copy(LogOptions options, String log) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LogCopy copy = new LogCopy(options, out::writeBytes);
    for (String line : log.split("(?<=\n)")) {
      copy.line(line.getBytes(StandardCharsets.UTF_8));
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesTheTextOfBothStreamsAndJoinsPartialLines() {
    assertEquals("one\ntwo\nthree!\nfour\n", copy(LogOptions.ALL, LOG));
  }

  @Test
  void prefixesEachLineOfOutputOnceWithItsTimeInGosRfc3339Nano() {
    assertEquals("""
        2026-01-01T00:00:01.5Z one
        2026-01-01T00:00:02.000000001Z two
        2026-01-01T00:00:03Z three!
        2026-01-01T00:00:06.12Z four
        """, copy(new LogOptions(-1, -1, null, false, true, false), LOG));
  }

  @Test
  void keepsAnOffsetOtherThanUtcAsTheLineHasIt() {
    assertEquals("2026-01-01T00:00:05+02:00 x\n",
        copy(new LogOptions(-1, -1, null, false, true, false), "2026-01-01T00:00:05+02:00 stdout F x\n"));
  }

  @Test
  void skipsLinesBeforeSince() {
    // 00:00:05+02:00 is 22:00:05 of the day before: that last part of the joined line is
    // skipped with its newline, as the kubelet skips it.
    assertEquals("threfour\n",
        copy(new LogOptions(-1, -1, Instant.parse("2026-01-01T00:00:03Z"), false, false, false), LOG));
  }

  @Test
  void stopsAfterTheTailsLinesWhenNotFollowing() {
    assertEquals("one\ntwo\n", copy(new LogOptions(2, -1, null, false, false, false), LOG));
    assertEquals("", copy(new LogOptions(0, -1, null, false, false, false), LOG));
    assertEquals("one\ntwo\nthree!\nfour\n", copy(new LogOptions(2, -1, null, true, false, false), LOG));
  }

  @Test
  void cutsTheOutputAtLimitBytesPrefixIncluded() {
    assertEquals("one\ntw", copy(new LogOptions(-1, 6, null, false, false, false), LOG));
    assertEquals("2026-01-01T00:00:01.5Z o",
        copy(new LogOptions(-1, 24, null, false, true, false), LOG));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LogCopy copy = new LogCopy(new LogOptions(-1, 4, null, false, false, false), out::writeBytes);
    copy.line("2026-01-01T00:00:01Z stdout F one\n".getBytes(StandardCharsets.UTF_8));
    assertTrue(copy.done());
  }

  @Test
  void skipsLinesNotInTheCriFormat() {
    assertEquals("one\nok\n", copy(LogOptions.ALL, "2026-01-01T00:00:01Z stdout F one\n"
        + "garbage\n2026-01-01T00:00:01Z stdin F no\nyesterday stdout F no\n"
        + "2026-01-01T00:00:01Z stdout F ok\n"));
  }

  @Test
  void writesAnUnfinishedLastLineAsItIs() {
    assertEquals("one\ntw", copy(LogOptions.ALL, "2026-01-01T00:00:01Z stdout F one\n"
        + "2026-01-01T00:00:01Z stdout F tw"));
  }
}
