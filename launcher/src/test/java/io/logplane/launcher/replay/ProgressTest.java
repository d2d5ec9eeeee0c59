package io.logplane.launcher.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now;

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void terminalLineHasBarPercentageRateAndEta() {
    Progress p = new Progress(out, true, 1_000_000, () -> now);
    now = 2_000_000_000L; // 2 s for 400k events: 200k/s, 600k left: 3 s
    assertEquals("[============>                 ]  40.0%  400,000/1,000,000  200,000 events/s  ETA 0:03",
        p.line(400_000, now));
  }

  @Test
  void terminalRedrawsInPlaceAtMostFiveTimesASecond() {
    Progress p = new Progress(out, true, 100, () -> now);
    now = 100_000_000L;
    p.update(10);
    assertEquals("", text());
    now = 250_000_000L;
    p.update(20);
    now = 300_000_000L;
    p.update(30);
    assertEquals(1, text().split("\r", -1).length - 1, text());
    assertTrue(text().startsWith("\r[======>"), text());
    assertTrue(!text().contains("\n"));
  }

  @Test
  void plainOutputPrintsALineEveryFewSeconds() {
    Progress p = new Progress(out, false, 1000, () -> now);
    now = 1_000_000_000L;
    p.update(100);
    assertEquals("", text());
    now = 5_000_000_000L;
    p.update(500);
    assertEquals("replay 50.0%  500/1,000 events  100 events/s  ETA 0:05\n", text());
  }

  @Test
  void finishPrintsTheOverallRate() {
    Progress p = new Progress(out, false, 1000, () -> now);
    now = 4_000_000_000L;
    double rate = p.finish(1000);
    assertEquals(250.0, rate, 1e-9);
    assertEquals("replayed 1,000 events in 4.00 s (250 events/s)\n", text());
  }

  @Test
  void etaBeforeAnyRateAndClockFormats() {
    Progress p = new Progress(out, false, 10, () -> now);
    assertTrue(p.line(0, 0).endsWith("ETA --:--"), p.line(0, 0));
    assertEquals("0:59", Progress.clock(59));
    assertEquals("2:05", Progress.clock(125));
    assertEquals("1:00:01", Progress.clock(3601));
  }
}
