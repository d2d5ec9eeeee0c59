package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void rates() {
    assertEquals(200, Units.rate("200/s"));
    assertEquals(200, Units.rate("200"));
    assertEquals(2.5, Units.rate("2.5/sec"));
    assertEquals(100, Units.rate("6000/m"));
    assertThrows(IllegalArgumentException.class, () -> Units.rate("0/s"));
    assertThrows(IllegalArgumentException.class, () -> Units.rate("-5"));
    assertThrows(IllegalArgumentException.class, () -> Units.rate("200/h"));
    assertThrows(IllegalArgumentException.class, () -> Units.rate("fast"));
  }

  @Test
  void durations() {
    assertEquals(Duration.ofSeconds(10), Units.duration("10s"));
    assertEquals(Duration.ofSeconds(10), Units.duration("10"));
    assertEquals(Duration.ofMillis(500), Units.duration("500ms"));
    assertEquals(Duration.ofSeconds(90), Units.duration("1m30s"));
    assertEquals(Duration.ofMinutes(120), Units.duration("2h"));
    assertEquals(Duration.ofMillis(1500), Units.duration("1.5s"));
    assertThrows(IllegalArgumentException.class, () -> Units.duration("0s"));
    assertThrows(IllegalArgumentException.class, () -> Units.duration("ten seconds"));
    assertThrows(IllegalArgumentException.class, () -> Units.duration("5d"));
  }
}
