package io.logplane.node.internal.images;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logplane.node.internal.ManualClock;
import io.logplane.node.internal.runtime.ImageSource.ImageUnavailable;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PullBackOffTest {

  private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(0));


  @Test
  void afterAFailedPullTheNextWaitsTenSecondsThenTwiceAsLong() {
    PullBackOff backOff = new PullBackOff(clock);
    assertDoesNotThrow(() -> backOff.check("uid", "nosuch"));
    backOff.failed("uid", "nosuch");
    ImageUnavailable e = assertThrows(ImageUnavailable.class, () -> backOff.check("uid", "nosuch"));
    assertEquals("ImagePullBackOff", e.reason());
    assertEquals("Back-off pulling image \"nosuch\"", e.getMessage());
    assertDoesNotThrow(() -> backOff.check("other-pod", "nosuch"));

    clock.advance(Duration.ofSeconds(10));
    assertDoesNotThrow(() -> backOff.check("uid", "nosuch"));
    backOff.failed("uid", "nosuch");
    clock.advance(Duration.ofSeconds(19));
    assertThrows(ImageUnavailable.class, () -> backOff.check("uid", "nosuch"));
    clock.advance(Duration.ofSeconds(1));
    assertDoesNotThrow(() -> backOff.check("uid", "nosuch"));
  }

  @Test
  void theWaitStopsGrowingAtFiveMinutesAndIsForgottenAfterTen() {
    PullBackOff backOff = new PullBackOff(clock);
    for (int i = 0; i < 10; i++) {
      backOff.failed("uid", "x");
    }
    clock.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertThrows(ImageUnavailable.class, () -> backOff.check("uid", "x"));
    clock.advance(Duration.ofSeconds(2));
    assertDoesNotThrow(() -> backOff.check("uid", "x"));
    clock.advance(Duration.ofMinutes(10));
    backOff.failed("uid", "x");
    clock.advance(Duration.ofSeconds(10));
    assertDoesNotThrow(() -> backOff.check("uid", "x"));
  }
}
