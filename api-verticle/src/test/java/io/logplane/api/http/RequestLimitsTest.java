package io.logplane.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RequestLimitsTest {

  @Test
  void readsAndWritesHaveSeatsOfTheirOwnAndAFreedSeatIsTakenAgain() {
    RequestLimits limits = new RequestLimits(2, 1);
    Runnable r1 = limits.admit(true, false, false);
    limits.admit(true, false, false);
    ApiException full = assertThrows(ApiException.class, () -> limits.admit(true, false, false));
    assertEquals(429, full.code());
    assertEquals(1, full.retryAfterSeconds());
    assertEquals("Too many requests, please try again later.", full.getMessage());
    Runnable w = limits.admit(false, false, false); // writes are counted apart
    assertThrows(ApiException.class, () -> limits.admit(false, false, false));
    r1.run();
    limits.admit(true, false, false);
    w.run();
    limits.admit(false, false, false);
  }

  @Test
  void longRunningRequestsAndTheExemptTakeNoSeat() {
    RequestLimits limits = new RequestLimits(1, 1);
    limits.admit(true, false, false);
    for (int i = 0; i < 100; i++) {
      limits.admit(true, true, false);
      limits.admit(true, false, true);
    }
    assertThrows(ApiException.class, () -> limits.admit(true, false, false));
  }

  @Test
  void zeroMeansNoBound() {
    RequestLimits limits = new RequestLimits(0, 0);
    for (int i = 0; i < 1000; i++) {
      limits.admit(i % 2 == 0, false, false);
    }
    assertThrows(IllegalArgumentException.class, () -> new RequestLimits(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new RequestLimits(1, 1, 0));
  }
}
