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

  @Test
  void watchesAreBoundedPerUserAndGivenBackOnce() {
    RequestLimits limits = new RequestLimits(1, 1).withWatchesPerUser(2);
    Runnable a1 = limits.admitWatch("alice", false);
    Runnable a2 = limits.admitWatch("alice", false);
    ApiException third = assertThrows(ApiException.class, () -> limits.admitWatch("alice", false));
    assertEquals(429, third.code());
    assertEquals("Too many watches: user \"alice\" has 2 open, as many as one user may; close some or try again"
        + " later.", third.getMessage());
    limits.admitWatch("bob", false); // another user's are apart
    limits.admitWatch("alice", true); // system:masters is not bounded
    limits.admit(true, false, false); // and watches take no seat
    assertEquals(java.util.Map.of("alice", 2, "bob", 1), limits.watchesByUser());
    a1.run();
    a1.run(); // given back once
    assertEquals(java.util.Map.of("alice", 1, "bob", 1), limits.watchesByUser());
    limits.admitWatch("alice", false);
    a2.run();
    assertEquals(1, limits.watchesByUser().get("alice"));
    assertEquals(0, new RequestLimits(1, 1).withWatchesPerUser(0).watchesPerUser());
  }
}
