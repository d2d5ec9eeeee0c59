package io.logplane.node.internal.images;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logplane.node.internal.runtime.ImageSource.ImageUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PullBackOffTest {

  private Instant now = Instant.ofEpochSecond(0);
  private final Clock clock = new Clock() {
    @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  };

  @Test
  void afterAFailedPullTheNextWaitsTenSecondsThenTwiceAsLong() {
    PullBackOff backOff = new PullBackOff(clock);
    assertDoesNotThrow(() -> backOff.check("uid", "nosuch"));
    backOff.failed("uid", "nosuch");
    ImageUnavailable e = assertThrows(ImageUnavailable.class, () -> backOff.check("uid", "nosuch"));
    assertEquals("ImagePullBackOff", e.reason());
    assertEquals("Back-off pulling image \"nosuch\"", e.getMessage());
    assertDoesNotThrow(() -> backOff.check("other-pod", "nosuch"));

    now = now.plusSeconds(10);
    assertDoesNotThrow(() -> backOff.check("uid", "nosuch"));
    backOff.failed("uid", "nosuch");
    now = now.plusSeconds(19);
    assertThrows(ImageUnavailable.class, () -> backOff.check("uid", "nosuch"));
    now = now.plusSeconds(1);
    assertDoesNotThrow(() -> backOff.check("uid", "nosuch"));
  }

  @Test
  void theWaitStopsGrowingAtFiveMinutesAndIsForgottenAfterTen() {
    PullBackOff backOff = new PullBackOff(clock);
    for (int i = 0; i < 10; i++) {
      backOff.failed("uid", "x");
    }
    now = now.plus(Duration.ofMinutes(5)).minusSeconds(1);
    assertThrows(ImageUnavailable.class, () -> backOff.check("uid", "x"));
    now = now.plusSeconds(2);
    assertDoesNotThrow(() -> backOff.check("uid", "x"));
    now = now.plus(Duration.ofMinutes(10));
    backOff.failed("uid", "x");
    now = now.plusSeconds(10);
    assertDoesNotThrow(() -> backOff.check("uid", "x"));
  }
}
