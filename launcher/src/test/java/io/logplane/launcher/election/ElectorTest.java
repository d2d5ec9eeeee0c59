package io.logplane.launcher.election;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' electors on one Lease, on a clock the test moves: one leads at a time, the other
 * takes over once the Lease went unrenewed for its duration, and the Lease reads as
 * kube-controller-manager's does.
 */
class ElectorTest {

  private Instant now = Instant.parse("2026-12-02T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private final LeaseStore store = new LeaseStore();
  private final List<String> told = new ArrayList<>();

  private Elector elector(String identity) {
    return new Elector(store.leases, store, Elector.Config.of("kube-system", "kube-controller-manager", identity),
        clock, new Elector.Callbacks() {
          @Override
          public void started() {
            told.add(identity + " started");
          }

          @Override
          public void stopped() {
            told.add(identity + " stopped");
          }
        });
  }

  private void advance(int seconds) {
    now = now.plusSeconds(seconds);
  }

  @Test
  void theFirstTakesTheLeaseTheOtherTakesOverOnceItWentUnrenewed() {
    Elector a = elector("a");
    Elector b = elector("b");
    assertEquals(Duration.ofSeconds(5), a.tick().join());
    assertEquals(Duration.ofSeconds(2), b.tick().join());
    assertEquals(List.of("a started"), told);
    assertEquals("a", store.lease().at("/spec/holderIdentity").asText());
    assertEquals(15, store.lease().at("/spec/leaseDurationSeconds").asInt());
    assertEquals("2026-12-02T10:00:00.000000Z", store.lease().at("/spec/renewTime").asText());
    for (int i = 0; i < 4; i++) {
      advance(5);
      a.tick().join();
      b.tick().join();
    }
    assertFalse(b.leading(), "a renews, b waits");
    // a dies: b waits a whole lease duration from the last change it saw
    advance(14);
    b.tick().join();
    assertFalse(b.leading());
    advance(1);
    b.tick().join();
    assertTrue(b.leading());
    assertEquals("b", store.lease().at("/spec/holderIdentity").asText());
    assertEquals(1, store.lease().at("/spec/leaseTransitions").asInt());
    assertEquals("2026-12-02T10:00:35.000000Z", store.lease().at("/spec/acquireTime").asText());
    // a comes back (a pause, not a death): it sees b's lease and stops
    a.tick().join();
    assertEquals(List.of("a started", "b started", "a stopped"), told);
  }

  @Test
  void aLeaderWhoseRenewalsFailStopsAfterTheRenewDeadline() {
    Elector a = elector("a");
    a.tick().join();
    store.down = true;
    advance(5);
    assertEquals(Duration.ofSeconds(2), a.tick().join());
    assertTrue(a.leading(), "within the renew deadline");
    advance(5);
    a.tick().join();
    assertFalse(a.leading());
    assertEquals(List.of("a started", "a stopped"), told);
  }

  @Test
  void aReleasedLeaseIsTakenAtOnce() {
    Elector a = elector("a");
    Elector b = elector("b");
    a.tick().join();
    b.tick().join();
    a.release().join();
    assertEquals("", store.lease().at("/spec/holderIdentity").asText());
    b.tick().join();
    assertTrue(b.leading());
    assertEquals(0, store.lease().at("/spec/leaseTransitions").asInt(), "a release is not a transition");
  }

  @Test
  void aLeaseLeftLongAgoIsTakenWithoutWaiting() {
    elector("old").tick().join();
    advance(31);
    Elector b = elector("b");
    b.tick().join();
    assertTrue(b.leading(), "renewed more than two durations ago");
  }

  @Test
  void twoReplicasRacingForAnExpiredLeaseGetItOnce() {
    elector("old").tick().join();
    Elector a = elector("a");
    Elector b = elector("b");
    a.tick().join();
    b.tick().join();
    advance(15);
    var fa = a.tick();
    var fb = b.tick();
    fa.join();
    fb.join();
    assertTrue(a.leading() ^ b.leading(), "exactly one leads");
  }
}
