package io.logplane.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Lease as the bench takes, renews and releases it, as client-go would write it. */
class LeaseBodiesTest {
  private static final Instant T0 = Instant.parse("2025-01-02T03:04:05.123456Z");

  private static ObjectNode heldBy(String holder, int transitions) {
    ObjectNode lease = LeaseBodies.created(holder, T0);
    ((ObjectNode) lease.get("spec")).put("leaseTransitions", transitions);
    ((ObjectNode) lease.get("metadata")).put("resourceVersion", "42");
    return lease;
  }

  @Test
  void aNewLeaseIsTheSchedulersInKubeSystem() {
    JsonNode lease = LeaseBodies.created("logplane-bench-ab", T0);
    assertEquals("kube-scheduler", lease.at("/metadata/name").asText());
    assertEquals("kube-system", lease.at("/metadata/namespace").asText());
    assertEquals("logplane-bench-ab", LeaseBodies.holder(lease));
    assertEquals(15, lease.at("/spec/leaseDurationSeconds").asInt());
    assertEquals("2025-01-02T03:04:05.123456Z", lease.at("/spec/renewTime").asText());
    assertEquals(T0, LeaseBodies.renewTime(lease));
  }

  @Test
  void takingAnothersLeaseCountsATransitionAndKeepsTheResourceVersion() {
    ObjectNode taken = LeaseBodies.held(heldBy("vm:6443_x", 3), "bench", T0.plusSeconds(1));
    assertEquals("bench", LeaseBodies.holder(taken));
    assertEquals(4, taken.at("/spec/leaseTransitions").asInt());
    assertEquals("42", taken.at("/metadata/resourceVersion").asText());
    assertEquals("2025-01-02T03:04:06.123456Z", taken.at("/spec/acquireTime").asText());
  }

  @Test
  void renewingMovesOnlyTheRenewTime() {
    ObjectNode taken = LeaseBodies.held(heldBy("vm:6443_x", 3), "bench", T0.plusSeconds(1));
    ObjectNode renewed = LeaseBodies.held(taken, "bench", T0.plusSeconds(6));
    assertEquals(4, renewed.at("/spec/leaseTransitions").asInt());
    assertEquals(taken.at("/spec/acquireTime"), renewed.at("/spec/acquireTime"));
    assertEquals(T0.plusSeconds(6), LeaseBodies.renewTime(renewed));
  }

  @Test
  void takingAFreeLeaseIsNoTransition() {
    ObjectNode free = LeaseBodies.released(heldBy("vm:6443_x", 3), T0);
    assertEquals(3, LeaseBodies.held(free, "bench", T0).at("/spec/leaseTransitions").asInt());
  }

  @Test
  void releasingLeavesNoHolderAndOneSecond() {
    ObjectNode released = LeaseBodies.released(heldBy("bench", 1), T0.plusSeconds(9));
    assertEquals("", released.at("/spec/holderIdentity").asText("absent"));
    assertEquals(1, released.at("/spec/leaseDurationSeconds").asInt());
    assertEquals(1, released.at("/spec/leaseTransitions").asInt());
    assertFalse(LeaseBodies.live(released, T0.plusSeconds(9)));
  }

  @Test
  void aHolderIsLiveForItsDurationAfterItsLastRenewal() {
    ObjectNode lease = heldBy("vm:6443_x", 0);
    assertTrue(LeaseBodies.live(lease, T0.plusSeconds(14)));
    assertFalse(LeaseBodies.live(lease, T0.plusSeconds(15)));
  }
}
