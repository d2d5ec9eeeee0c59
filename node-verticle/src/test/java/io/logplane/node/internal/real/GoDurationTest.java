package io.logplane.node.internal.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void printsAsGoDoesADurationTruncatedToMilliseconds() {
    assertEquals("0s", GoDuration.millis(Duration.ofNanos(999_999)));
    assertEquals("523ms", GoDuration.millis(Duration.ofNanos(523_900_000)));
    assertEquals("1.2s", GoDuration.millis(Duration.ofMillis(1200)));
    assertEquals("2s", GoDuration.millis(Duration.ofSeconds(2)));
    assertEquals("1m2.05s", GoDuration.millis(Duration.ofMillis(62_050)));
    assertEquals("1h0m0s", GoDuration.millis(Duration.ofHours(1)));
  }
}
